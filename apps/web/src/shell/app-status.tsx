import { useEffect, useState, useSyncExternalStore } from 'react';
import { useNavigate } from 'react-router-dom';
import { useSession } from '../auth/session';
import { Outbox } from '../features/chat/outbox';
import type { PendingMessage } from '../features/chat/chat-types';
import { useT } from '../i18n/i18n';
import { pwaMessages } from './pwa-messages';
import { applyUpdate, onWorkerNavigate, updateState } from './service-worker-client';
import styles from './app-status.module.css';

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/**
 * Chat's outbox as stored in this browser (features/chat/outbox.ts): read again every 2 s while offline, so that the
 * messages written meanwhile, or left from before a reload, are listed as pending even when chat itself cannot load.
 */
function usePending(userId: string | undefined, active: boolean): PendingMessage[] {
  const [pending, setPending] = useState<PendingMessage[]>([]);
  useEffect(() => {
    if (!userId || !active) {
      setPending([]);
      return;
    }
    const read = () => setPending(new Outbox(userId).all());
    read();
    const timer = setInterval(read, 2000);
    return () => clearInterval(timer);
  }, [userId, active]);
  return pending;
}

/**
 * The installed app's status line, over every page: offline (with the chat messages waiting to be sent), a new
 * version ready to take over (「更新」), and the service worker's "open this page" after a notification click.
 */
export function AppStatus() {
  const t = useT(pwaMessages);
  const { user, offline: rememberedUser } = useSession();
  const navigate = useNavigate();
  const online = useOnline();
  const pending = usePending(user?.id, !online || rememberedUser);
  const updateReady = useSyncExternalStore(updateState.subscribe, updateState.ready);
  useEffect(() => onWorkerNavigate((path) => void navigate(path)), [navigate]);

  if (online && !rememberedUser && !updateReady) return null;
  return (
    <div className={styles.status} role="status" data-testid="app-status">
      {(!online || rememberedUser) && (
        <div className={styles.offline}>
          <strong>{rememberedUser ? t('offlineKnown') : t('offline')}</strong>
          {pending.length > 0 && (
            <details className={styles.pending}>
              <summary>{t('pending', { count: pending.length })}</summary>
              <ul aria-label={t('pendingList')}>
                {pending.map((p) => (
                  <li key={p.clientMsgId} data-testid="pending-message">
                    <span className={styles.body}>{p.body}</span>
                    {p.failed && <span className={styles.failed}>{t('failed')}</span>}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
      {updateReady && (
        <div className={styles.update}>
          <span>{t('updateReady')}</span>
          <button className="primary small" onClick={applyUpdate}>
            {t('update')}
          </button>
        </div>
      )}
    </div>
  );
}
