import { Link } from 'react-router-dom';
import { useT } from '../i18n/i18n';
import { shellMessages } from '../shell/messages';

/** The personal home page lives in its own module; the route list imports it from here with the other simple pages. */
export { HomePage } from './home-page';

export function NotFoundPage() {
  const t = useT(shellMessages);
  return (
    <section className="page">
      <p>{t('notFound')}</p>
      <Link to="/">{t('home')}</Link>
    </section>
  );
}
