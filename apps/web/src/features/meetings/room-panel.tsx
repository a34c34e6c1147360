import { useState } from 'react';
import { X } from 'lucide-react';
import { useErrorText } from '../../api/errors';
import { useT } from '../../i18n/i18n';
import type { DocumentView, MeetingDetail, MeetingPresenceEntry } from '@yakuba/contracts';
import { meetingsMessages } from './messages';
import styles from './meetings.module.css';

type Status = 'presenter' | 'following' | 'browsing' | 'away';

/**
 * The presenter's panel inside the room: everyone invited, those in the room first, each following the presenter,
 * browsing freely (on which page) or not in the room; the organiser hands the presenter role over from here.
 */
export function RoomPanel({
  meeting,
  presence,
  presenterId,
  documentId,
  documents,
  canHandOver,
  onHandOver,
  onClose,
}: {
  meeting: MeetingDetail;
  presence: MeetingPresenceEntry[];
  presenterId: string;
  /** The document the presenter shows: a browsing person on another one is told apart. */
  documentId: string | null;
  documents: DocumentView[];
  canHandOver: boolean;
  onHandOver(userId: string): Promise<void>;
  onClose(): void;
}) {
  const t = useT(meetingsMessages);
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const here = new Map(presence.map((p) => [p.userId, p]));
  const statusOf = (userId: string): Status => {
    if (userId === presenterId) return here.has(userId) ? 'presenter' : 'away';
    const p = here.get(userId);
    return !p ? 'away' : p.following ? 'following' : 'browsing';
  };
  const order: Record<Status, number> = { presenter: 0, following: 1, browsing: 2, away: 3 };
  const people = [...meeting.participants].sort((a, b) => order[statusOf(a.userId)] - order[statusOf(b.userId)]);
  const inRoom = presence.length;
  const followingCount = presence.filter((p) => p.userId !== presenterId && p.following).length;
  const browsingCount = presence.filter((p) => p.userId !== presenterId && !p.following).length;

  const label = (userId: string, status: Status) => {
    if (status === 'presenter') return t('presenter');
    if (status === 'following') return t('following');
    if (status === 'away') return t('notInRoom');
    const p = here.get(userId)!;
    if (p.page == null) return t('browsing');
    const elsewhere = p.documentId !== documentId && documents.some((d) => d.id === p.documentId);
    return t(elsewhere ? 'browsingOther' : 'browsingAt', { page: p.page });
  };

  async function handOver(userId: string) {
    setError(null);
    setBusy(userId);
    try {
      await onHandOver(userId);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <aside className={`side-pane ${styles.roomPanel}`} aria-label={t('roomPanel')} data-testid="room-panel">
      <header className={`pane-head ${styles.roomPanelHead}`}>
        <strong>{t('roomPanel')}</strong>
        <button className="link-button" aria-label={t('closePanel')} onClick={onClose}>
          <X size={18} aria-hidden />
        </button>
      </header>
      <p className={styles.roomPanelCounts} data-testid="room-counts">
        <span>{t('inRoom', { count: inRoom })}</span>
        <span className={styles.countFollowing}>{t('followingCount', { count: followingCount })}</span>
        <span className={styles.countBrowsing}>{t('browsingCount', { count: browsingCount })}</span>
      </p>
      <ul className={styles.roomPeople}>
        {people.map((p) => {
          const status = statusOf(p.userId);
          const devices = here.get(p.userId)?.devices ?? 0;
          return (
            <li key={p.userId} data-user={p.userId} data-status={status} className={styles[`person-${status}`]}>
              <span className={styles.personDot} aria-hidden="true" />
              <span className={styles.personName}>
                {p.displayName}
                {p.position && <span className="muted small"> {p.position}</span>}
                <span className={`small ${styles.personStatus}`}>
                  {label(p.userId, status)}
                  {devices > 1 ? ` ・ ${t('devices', { count: devices })}` : ''}
                </span>
              </span>
              {canHandOver && status !== 'presenter' && p.userId !== presenterId && (
                <button className="small" disabled={busy !== null} onClick={() => void handOver(p.userId)}>
                  {t('handOverHere')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </aside>
  );
}
