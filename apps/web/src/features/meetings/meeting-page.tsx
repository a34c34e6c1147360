import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { formatDateTime, useLocale, useT } from '../../i18n/i18n';
import { StatusBadge } from './meeting-list-page';
import { AgendaPanel, DocumentsPanel, MinutesPanel, ParticipantsPanel } from './meeting-panels';
import type { MeetingDetail } from '@yakuba/contracts';
import { meetingsApi } from './meetings-api';
import { meetingsMessages } from './messages';
import './meetings.css';

/** One meeting: facts, status controls, agenda, documents, participants and attendance, minutes, paper saved. */
export function MeetingPage() {
  const { id = '' } = useParams();
  const t = useT(meetingsMessages);
  const { locale } = useLocale();
  const [meeting, setMeeting] = useState<MeetingDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => void meetingsApi.get(id).then(setMeeting, (e: Error) => setError(e.message)), [id]);
  useEffect(reload, [reload]);
  if (error)
    return (
      <section className="page">
        <p className="error">{error}</p>
      </section>
    );
  if (!meeting) return <section className="page muted">…</section>;
  const organiser = meeting.myRole === 'organiser';
  const setStatus = (status: 'live' | 'ended') =>
    void meetingsApi.setStatus(meeting.id, status).then(setMeeting, (e: Error) => setError(e.message));
  return (
    <section className="page meeting-page">
      <div className="toolbar">
        <Link to="/meetings" className="link-button">
          ← {t('myMeetings')}
        </Link>
      </div>
      <header className="meeting-head">
        <div>
          <StatusBadge status={meeting.status} />
          <h1>{meeting.title}</h1>
          <p className="muted">
            {formatDateTime(meeting.startsAt, locale)}
            {meeting.endsAt ? ` – ${formatDateTime(meeting.endsAt, locale)}` : ''}
            {meeting.place ? ` ・ ${meeting.place}` : ''}
          </p>
        </div>
        <div className="head-actions">
          {meeting.status !== 'ended' && (
            <Link className="button-link primary big" to={`/meetings/${meeting.id}/room`}>
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
      <div className="kpi card small-kpi" data-testid="meeting-paper-saved">
        <div>
          <div className="kpi-value">{t('sheets', { n: meeting.paperSaved.sheets })}</div>
          <div className="muted small">
            {t('paperSaved')} ({meeting.paperSaved.pages} × {meeting.paperSaved.participants})
          </div>
        </div>
      </div>
      <div className="meeting-grid">
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
