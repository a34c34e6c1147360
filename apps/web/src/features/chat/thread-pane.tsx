import { useEffect } from 'react';
import { X } from 'lucide-react';
import { useT } from '../../i18n/i18n';
import { useChat } from './chat-context';
import { Composer } from './composer';
import { MessageItem, PendingItem } from './message-item';
import { chatMessages } from './messages';
import styles from './chat.module.css';

/** A thread beside the channel (over it on narrow screens): the root, its replies and a composer. */
export function ThreadPane({ channelId, rootId, onClose }: { channelId: string; rootId: string; onClose(): void }) {
  const store = useChat();
  const t = useT(chatMessages);
  useEffect(() => void store.loadThread(channelId, rootId), [store, channelId, rootId]);
  const messages = store.threadMessages(channelId, rootId);
  const pending = store.pending(channelId, rootId);
  const channel = store.channels.get(channelId);
  return (
    <aside className={styles.chatThread} aria-label={t('thread')}>
      <div className={styles.chatThreadHead}>
        <strong>{t('thread')}</strong>
        <button className="icon-button" aria-label={t('close')} onClick={onClose}>
          <X size={20} aria-hidden />
        </button>
      </div>
      <div className={styles.chatThreadList}>
        {messages.map((m) => (
          <MessageItem key={m.id} message={m} compact={false} inThread />
        ))}
        {pending.map((p) => (
          <PendingItem key={p.clientMsgId} item={p} />
        ))}
      </div>
      {channel?.joined && !channel.archived && <Composer channelId={channelId} threadRootId={rootId} placeholder={t('reply')} />}
    </aside>
  );
}
