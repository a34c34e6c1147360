import { useEffect, useRef } from 'react';
import { BellRing, CheckCircle2, Siren } from 'lucide-react';
import { Link } from 'react-router-dom';
import { drillLabel } from '@yakuba/contracts';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { MessageBody } from '../chat/markdown';
import { DrillBadge } from './disaster-banner';
import { useDisasterStore } from './disaster-live';
import { useActiveDisasters } from './disasters-queries';
import { disastersMessages } from './messages';
import styles from './disasters.module.css';

/**
 * An urgent message the person has not acknowledged, over whatever page is open, until 確認しました. Showing it sends
 * the `opened` receipt; the button sends the acknowledgement (through the outbox when offline). Escape does not
 * dismiss it: the point is that nobody can miss it.
 */
export function UrgentOverlay() {
  const t = useT(disastersMessages);
  const { locale } = useLocale();
  const store = useDisasterStore();
  const button = useRef<HTMLButtonElement>(null);
  const active = useActiveDisasters();
  const queue = store?.queue() ?? [];
  const current = queue[0];
  const waitingAcks = store?.waiting().filter((e) => e.kind === 'ack').length ?? 0;

  useEffect(() => {
    if (!store || !current) return;
    const open = () => store.markOpened(current.messageId);
    open();
    document.addEventListener('visibilitychange', open);
    button.current?.focus();
    return () => document.removeEventListener('visibilitychange', open);
  }, [store, current?.messageId]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!store) return null;
  if (!current)
    return waitingAcks > 0 && !store.connected ? (
      <div className={styles.toast} role="status">
        {t('ackQueued')}
      </div>
    ) : null;
  // The title as it is now (it may have been changed since), labelled like the server's view.
  const live = active.find((d) => d.id === current.disasterId);
  const notificationsAsk = typeof Notification !== 'undefined' && Notification.permission === 'default';
  return (
    <div className={styles.overlay} data-testid="urgent-overlay">
      <div
        className={`${styles.urgentCard} ${current.drill ? styles.urgentDrill : ''}`}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="urgent-title"
        aria-describedby="urgent-body"
        onKeyDown={(e) => {
          // Focus stays inside the dialog: Tab cycles its own controls.
          if (e.key !== 'Tab') return;
          const items = [...e.currentTarget.querySelectorAll<HTMLElement>('button, a[href]')];
          const i = items.indexOf(document.activeElement as HTMLElement);
          const next = e.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : i === items.length - 1 ? 0 : i + 1;
          e.preventDefault();
          items[next]?.focus();
        }}
      >
        <header className={styles.urgentHead}>
          <Siren size={28} aria-hidden />
          <h2 id="urgent-title">{t('urgentTitle')}</h2>
          <DrillBadge drill={current.drill} />
        </header>
        <p className={styles.urgentDisaster} data-testid="urgent-disaster">
          {live ? `${drillLabel(live.drill)}${live.title}` : current.disasterTitle}
        </p>
        <div id="urgent-body" className={styles.urgentBody} data-testid="urgent-body">
          <MessageBody body={current.body} />
        </div>
        <p className="muted small">{formatDateTime(current.createdAt, locale)}</p>
        <button
          ref={button}
          className={`primary ${styles.ackButton}`}
          onClick={() => store.acknowledge(current.messageId)}
          data-testid="urgent-ack"
        >
          <CheckCircle2 size={22} aria-hidden />
          {t('acknowledge')}
        </button>
        <div className={styles.urgentFoot}>
          {queue.length > 1 && <span className="small">{t('urgentMore', { count: queue.length - 1 })}</span>}
          {notificationsAsk && (
            <button className="small" onClick={() => void Notification.requestPermission()} title={t('notificationsHint')}>
              <BellRing size={16} aria-hidden /> {t('enableNotifications')}
            </button>
          )}
          <Link to={`/disasters/${current.disasterId}`} className="small">
            {t('urgentOpenDisaster')}
          </Link>
        </div>
      </div>
    </div>
  );
}
