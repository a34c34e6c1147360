import { useEffect, useRef, useState } from 'react';
import { X } from 'lucide-react';
import { useT } from '../../i18n/i18n';
import { useChat } from './chat-context';
import { Composer } from './composer';
import { MessageItem, PendingItem } from './message-item';
import { chatMessages } from './messages';
import styles from './chat.module.css';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A thread beside the channel (over it on narrow screens): the root, its replies and a composer. `highlightSeq` (a
 * search result that is a reply) is scrolled into view and highlighted for a moment.
 */
export function ThreadPane({ channelId, rootId, onClose, highlightSeq }: { channelId: string; rootId: string; onClose(): void; highlightSeq?: number }) {
  const store = useChat();
  const t = useT(chatMessages);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    setMissing(false);
    if (UUID.test(rootId)) store.loadThread(channelId, rootId).catch(() => setMissing(true));
    else setMissing(true);
  }, [store, channelId, rootId]);
  const messages = store.threadMessages(channelId, rootId);
  const [highlighted, setHighlighted] = useState<number | undefined>(highlightSeq);
  const list = useRef<HTMLDivElement>(null);
  const held = highlightSeq !== undefined && messages.some((m) => m.seq === highlightSeq);
  useEffect(() => {
    if (!held) return;
    setHighlighted(highlightSeq);
    list.current?.querySelector(`[data-seq="${highlightSeq}"]`)?.scrollIntoView({ block: 'center' });
    const timer = setTimeout(() => setHighlighted(undefined), 4000);
    return () => clearTimeout(timer);
  }, [held, highlightSeq]);
  const pending = store.pending(channelId, rootId);
  const channel = store.channels.get(channelId);
  return (
    <aside className={`side-pane ${styles.chatThread}`} aria-label={t('thread')}>
      <div className={`pane-head ${styles.chatThreadHead}`}>
        <strong>{t('thread')}</strong>
        <button className="icon-button" aria-label={t('close')} onClick={onClose}>
          <X size={20} aria-hidden />
        </button>
      </div>
      <div className={styles.chatThreadList} ref={list}>
        {missing && <p className="muted small">{t('noResults')}</p>}
        {messages.map((m) => (
          <MessageItem key={m.id} message={m} compact={false} inThread highlighted={m.seq === highlighted} />
        ))}
        {pending.map((p) => (
          <PendingItem key={p.clientMsgId} item={p} />
        ))}
      </div>
      {channel?.joined && !channel.archived && <Composer channelId={channelId} threadRootId={rootId} placeholder={t('reply')} />}
    </aside>
  );
}
