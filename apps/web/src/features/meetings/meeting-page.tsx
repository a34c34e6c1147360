import { useCallback } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { StatusBadge } from './meeting-list-page';
import { AgendaPanel, DocumentsPanel, MinutesPanel, ParticipantsPanel } from './meeting-panels';
import { useErrorText } from '../../api/errors';
import { meetingsApi } from './meetings-api';
import { useMeeting, useMeetingChanged } from './meetings-queries';
import { meetingsMessages } from './messages';
import styles from './meetings.module.css';

/** One meeting: facts, status controls, agenda, documents, participants and attendance, minutes, paper saved. */
export function MeetingPage() {
  const { id = '' } = useParams();
  const t = useT(meetingsMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const query = useMeeting(id);
  const changed = useMeetingChanged();
  const reload = useCallback(() => void changed(), [changed]);
  const status = useMutation({
    mutationFn: (next: 'live' | 'ended') => meetingsApi.setStatus(id, next),
    onSuccess: (next) => changed(next),
  });
  const meeting = query.data;
  const error = query.error ?? status.error;
  if (!meeting)
    return query.error ? (
      <section className="page">
        <p className="error" role="alert">
          {errorText(query.error)}
        </p>
      </section>
    ) : (
      <section className="page muted">…</section>
    );
  const organiser = meeting.myRole === 'organiser';
  const setStatus = (next: 'live' | 'ended') => status.mutate(next);
  return (
    <section className="page meeting-page">
      <div className="toolbar">
        <Link to="/meetings" className="link-button">
          ← {t('myMeetings')}
        </Link>
      </div>
      <header className={styles.meetingHead}>
        <div>
          <StatusBadge status={meeting.status} />
          <h1>{meeting.title}</h1>
          <p className="muted">
            {formatDateTime(meeting.startsAt, locale)}
            {meeting.endsAt ? ` – ${formatDateTime(meeting.endsAt, locale)}` : ''}
            {meeting.place ? ` ・ ${meeting.place}` : ''}
          </p>
        </div>
        <div className={styles.headActions}>
          {meeting.status !== 'ended' && (
            <Link className={`button-link primary ${styles.big}`} to={`/meetings/${meeting.id}/room`}>
              {t('open')}
            </Link>
          )}
          {organiser && meeting.status === 'scheduled' && <button onClick={() => setStatus('live')}>{t('start')}</button>}
          {organiser && meeting.status !== 'ended' && <button onClick={() => setStatus('ended')}>{t('end')}</button>}
          {organiser && (
            <Link className="button-link" to={`/meetings/${meeting.id}/edit`}>
              {t('editMeeting')}
            </Link>
          )}
        </div>
      </header>
      {error && (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      )}
      <div className={`${styles.kpi} card ${styles.smallKpi}`} data-testid="meeting-paper-saved">
        <div>
          <div className={styles.kpiValue}>{t('sheets', { count: meeting.paperSaved.sheets })}</div>
          <div className="muted small">
            {t('paperSaved')} ({meeting.paperSaved.pages} × {meeting.paperSaved.participants})
          </div>
        </div>
      </div>
      <div className={styles.meetingGrid}>
        <div>
          <AgendaPanel key={meeting.agenda.map((a) => a.id + a.title).join()} meeting={meeting} reload={reload} />
          <DocumentsPanel meeting={meeting} reload={reload} />
          <MinutesPanel meeting={meeting} reload={reload} />
        </div>
        <ParticipantsPanel meeting={meeting} reload={reload} />
      </div>
    </section>
  );
}
