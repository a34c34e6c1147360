import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, api } from '../api/client';
import { useSession } from '../auth/session';
import { useT } from '../i18n/i18n';
import { NAV } from '../shell/layout';
import { shellMessages } from '../shell/messages';

interface PaperKpi {
  meetingsHeld: number;
  paperlessMeetings: number;
  paperlessShare: number;
  sheetsSaved: number;
}

/** The DX plan's paperless-meeting KPI (target: 100% of internal meetings), from the meetings held so far. */
function PaperlessKpi() {
  const t = useT(shellMessages);
  const [kpi, setKpi] = useState<PaperKpi | null>(null);
  useEffect(() => {
    api<PaperKpi>('GET', '/api/meetings/stats').then(setKpi, () => setKpi(null));
  }, []);
  if (!kpi) return null;
  return (
    <section className="home-kpis" aria-label={t('kpiTitle')}>
      <h2>{t('kpiTitle')}</h2>
      <div className="home-kpi-row">
        <div className="home-kpi card">
          <span className="home-kpi-value">{Math.round(kpi.paperlessShare * 100)}%</span>
          <span className="home-kpi-label">{t('kpiPaperless')}</span>
          <progress value={kpi.paperlessShare} max={1} />
          <span className="small muted">{t('kpiTarget')}</span>
        </div>
        <div className="home-kpi card">
          <span className="home-kpi-value">{kpi.sheetsSaved.toLocaleString()}</span>
          <span className="home-kpi-label">{t('kpiSheets')}</span>
        </div>
        <div className="home-kpi card">
          <span className="home-kpi-value">{kpi.paperlessMeetings} / {kpi.meetingsHeld}</span>
          <span className="home-kpi-label">{t('kpiMeetings')}</span>
        </div>
      </div>
    </section>
  );
}

export function HomePage() {
  const t = useT(shellMessages);
  const { user } = useSession();
  return (
    <section className="page">
      <h1>{t('welcome', { name: user?.displayName ?? '' })}</h1>
      <p className="muted">{t('homeIntro')}</p>
      <div className="tiles">
        {NAV.map((tile) => (
          <Link key={tile.to} to={tile.to} className="tile">
            <tile.Icon className="tile-icon" size={36} aria-hidden />
            <span>{t(tile.key)}</span>
          </Link>
        ))}
      </div>
      <PaperlessKpi />
    </section>
  );
}

export function ComingSoonPage({ titleKey }: { titleKey: 'approvals' | 'surveys' }) {
  const t = useT(shellMessages);
  return (
    <section className="page">
      <h1>{t(titleKey)}</h1>
      <div className="empty-state">
        <strong>{t('comingTitle')}</strong>
        <p className="muted">{t('comingBody')}</p>
      </div>
    </section>
  );
}

export function NotFoundPage() {
  const t = useT(shellMessages);
  return (
    <section className="page">
      <p>{t('notFound')}</p>
      <Link to="/">{t('home')}</Link>
    </section>
  );
}

export function ProfilePage() {
  const t = useT(shellMessages);
  const { user } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await api('POST', '/api/auth/password', { currentPassword: current, newPassword: next });
      setMessage({ ok: true, text: t('saved') });
      setCurrent('');
      setNext('');
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  }

  return (
    <section className="page narrow">
      <h1>{t('profile')}</h1>
      <dl className="facts">
        <dt>{t('username')}</dt>
        <dd>{user?.username}</dd>
        <dt>{t('position')}</dt>
        <dd>{user?.position ?? '—'}</dd>
      </dl>
      <form className="card form" onSubmit={(e) => void submit(e)}>
        <h2>{t('changePassword')}</h2>
        <label>
          {t('currentPassword')}
          <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
        </label>
        <label>
          {t('newPassword')}
          <input type="password" autoComplete="new-password" minLength={10} value={next} onChange={(e) => setNext(e.target.value)} required />
        </label>
        {message && <p className={message.ok ? 'success' : 'error'} role="status">{message.text}</p>}
        <button className="primary" type="submit">{t('save')}</button>
      </form>
    </section>
  );
}
