import { NavLink } from 'react-router-dom';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n/i18n';
import { surveysMessages } from './messages';

/** The surveys area's tabs: answering (everyone), building and results (survey admins), the DX indicators (kpis.read). */
export function SurveysTabs() {
  const t = useT(surveysMessages);
  const { can } = useSession();
  if (!can('surveys.manage') && !can('kpis.read')) return null;
  return (
    <nav className="tabs" aria-label={t('title')}>
      <NavLink to="/surveys" end className="tab">
        {t('tabMine')}
      </NavLink>
      {can('surveys.manage') && (
        <NavLink to="/surveys/manage" className="tab">
          {t('tabManage')}
        </NavLink>
      )}
      {can('kpis.read') && (
        <NavLink to="/insights" className="tab">
          {t('tabKpis')}
        </NavLink>
      )}
    </nav>
  );
}
