import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useErrorText } from '../../api/errors';
import { useSession } from '../../auth/session';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import type { MeetingSummary, PaperStats } from '@yakuba/contracts';
import { meetingListQuery, paperStatsQuery } from './meetings-queries';
import { meetingsMessages } from './messages';
import styles from './meetings.module.css';

export function StatusBadge({ status }: { status: MeetingSummary['status'] }) {
  const t = useT(meetingsMessages);
  return <span className={`${styles.status} ${styles[`status-${status}`] ?? ''}`}>{t(status)}</span>;
}

/** Paper saved: the KPI figure, also on each meeting's page. */
export function PaperSavedFigure({ stats }: { stats: PaperStats }) {
  const t = useT(meetingsMessages);
  return (
    <div className={`${styles.kpi} card`} data-testid="paper-saved">
      <div>
        <div className={styles.kpiValue}>{t('sheets', { count: stats.sheetsSaved })}</div>
        <div className="muted small">{t('paperSaved')}</div>
      </div>
      <div>
        <div className={styles.kpiValue}>{Math.round(stats.paperlessShare * 100)}%</div>
        <div className="muted small">{t('paperlessShare')}</div>
      </div>
      <div>
        <div className={styles.kpiValue}>{stats.meetingsHeld}</div>
        <div className="muted small">{t('meetingsHeld')}</div>
      </div>
      <p className={`muted small ${styles.kpiNote}`}>{t('kpiNote')}</p>
    </div>
  );
}

export function MeetingListPage() {
  const t = useT(meetingsMessages);
  const { locale } = useLocale();
  const { can } = useSession();
  const errorText = useErrorText();
  const list = useQuery(meetingListQuery);
  const meetings = list.data;
  const stats = useQuery(paperStatsQuery).data;
  return (
    <section className="page">
      <div className="toolbar">
        <h1>{t('myMeetings')}</h1>
        <span className="spacer" />
        {can('meetings.create') && (
          <Link className={`button-link primary`} to="/meetings/new">
            {t('newMeeting')}
          </Link>
        )}
      </div>
      {stats && <PaperSavedFigure stats={stats} />}
      {list.error && (
        <p className="error" role="alert">
          {errorText(list.error)}
        </p>
      )}
      {meetings?.length === 0 && <p className="empty-state">{t('noMeetings')}</p>}
      <ul className={styles.meetingList}>
        {meetings?.map((m) => (
          <li key={m.id} className={`card ${styles.meetingCard}`}>
            <Link to={`/meetings/${m.id}`} className={styles.meetingLink}>
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
