import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useSession } from '../../auth/session';
import { formatDateTime, useLocale, useT } from '../../i18n/i18n';
import type { MeetingSummary, PaperStats } from '@yakuba/contracts';
import { meetingsApi } from './meetings-api';
import { meetingsMessages } from './messages';
import './meetings.css';

export function StatusBadge({ status }: { status: MeetingSummary['status'] }) {
  const t = useT(meetingsMessages);
  return <span className={`status status-${status}`}>{t(status)}</span>;
}

/** Paper saved: the KPI figure, also on each meeting's page. */
export function PaperSavedFigure({ stats }: { stats: PaperStats }) {
  const t = useT(meetingsMessages);
  return (
    <div className="kpi card" data-testid="paper-saved">
      <div>
        <div className="kpi-value">{t('sheets', { n: stats.sheetsSaved.toLocaleString() })}</div>
        <div className="muted small">{t('paperSaved')}</div>
      </div>
      <div>
        <div className="kpi-value">{Math.round(stats.paperlessShare * 100)}%</div>
        <div className="muted small">{t('paperlessShare')}</div>
      </div>
      <div>
        <div className="kpi-value">{stats.meetingsHeld}</div>
        <div className="muted small">{t('meetingsHeld')}</div>
      </div>
      <p className="muted small kpi-note">{t('kpiNote')}</p>
    </div>
  );
}

export function MeetingListPage() {
  const t = useT(meetingsMessages);
  const { locale } = useLocale();
  const { can } = useSession();
  const [meetings, setMeetings] = useState<MeetingSummary[] | null>(null);
  const [stats, setStats] = useState<PaperStats | null>(null);
  useEffect(() => {
    meetingsApi.list().then(setMeetings, () => setMeetings([]));
    meetingsApi.stats().then(setStats, () => setStats(null));
  }, []);
  return (
    <section className="page">
      <div className="toolbar">
        <h1>{t('myMeetings')}</h1>
        <span className="spacer" />
        {can('meetings.create') && (
          <Link className="button-link primary" to="/meetings/new">
            {t('newMeeting')}
          </Link>
        )}
      </div>
      {stats && <PaperSavedFigure stats={stats} />}
      {meetings?.length === 0 && <p className="empty-state">{t('noMeetings')}</p>}
      <ul className="meeting-list">
        {meetings?.map((m) => (
          <li key={m.id} className="card meeting-card">
            <Link to={`/meetings/${m.id}`} className="meeting-link">
              <StatusBadge status={m.status} />
              <strong>{m.title}</strong>
              <span className="muted small">
                {formatDateTime(m.startsAt, locale)}
                {m.place ? ` ・ ${m.place}` : ''}
              </span>
              <span className="muted small">
                {t('participants')} {m.participantCount} ・ {t('documents')} {m.documentCount}
                {m.myRole === 'organiser' ? ` ・ ${t('organiser')}` : ''}
              </span>
            </Link>
            {m.status !== 'ended' && (
              <Link className="button-link" to={`/meetings/${m.id}/room`}>
                {t('open')}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
