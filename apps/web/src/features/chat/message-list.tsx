import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ArrowDown } from 'lucide-react';
import { useT } from '../../i18n/i18n';
import { useChat } from './chat-context';
import type { MessageView } from '@yakuba/contracts';
import { MessageItem, PendingItem } from './message-item';
import { chatMessages } from './messages';
import styles from './chat.module.css';

/**
 * The channel's messages, virtualised (only the rows on screen are in the DOM, so tens of thousands scroll
 * smoothly). Older pages load when the top comes near; the view sticks to the bottom while the reader is there.
 */
export function MessageList({ channelId, onOpenThread }: { channelId: string; onOpenThread(id: string): void }) {
  const store = useChat();
  const t = useT(chatMessages);
  const messages = store.channelMessages(channelId);
  const pending = store.pending(channelId);
  const parentRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const loadingOlder = useRef(false);
  const [showJump, setShowJump] = useState(false);
  const count = messages.length + pending.length;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => parentRef.current,
    estimateSize: () => 72,
    overscan: 12,
    getItemKey: (i) => (i < messages.length ? messages[i].id : pending[i - messages.length].clientMsgId),
  });

  const scrollToEnd = useCallback(() => {
    if (count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [count, virtualizer]);

  // New messages (or the first page) keep the view at the bottom if the reader was there.
  useLayoutEffect(() => {
    if (atBottom.current) scrollToEnd();
  }, [count, scrollToEnd]);

  useEffect(() => {
    atBottom.current = true;
  }, [channelId]);

  const onScroll = async () => {
    const el = parentRef.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    setShowJump(!atBottom.current);
    if (atBottom.current) store.markRead(channelId);
    if (el.scrollTop < 400 && !loadingOlder.current && store.hasOlder(channelId)) {
      loadingOlder.current = true;
      const firstKey = messages[0]?.id;
      const added = await store.loadOlder(channelId).finally(() => (loadingOlder.current = false));
      // Keep the message that was at the top where it was.
      if (added && firstKey) requestAnimationFrame(() => virtualizer.scrollToIndex(added, { align: 'start' }));
    }
  };

  const row = (i: number) => {
    if (i >= messages.length) return <PendingItem item={pending[i - messages.length]} />;
    const m: MessageView = messages[i];
    const prev = messages[i - 1];
    const compact =
      !!prev && prev.authorId === m.authorId && !prev.deletedAt && Date.parse(m.createdAt) - Date.parse(prev.createdAt) < 5 * 60_000;
    const marker = store.unreadFrom.get(channelId);
    const firstUnread = marker !== undefined && m.seq > marker && (!prev || prev.seq <= marker) && m.authorId !== store.me.id;
    return (
      <>
        {firstUnread && (
          <div className={styles.chatNewDivider} role="separator">
            <span>{t('newMessages')}</span>
          </div>
        )}
        <MessageItem message={m} compact={compact && !firstUnread} onOpenThread={onOpenThread} />
      </>
    );
  };

  return (
    <div className={styles.chatList} ref={parentRef} onScroll={() => void onScroll()} data-testid="chat-message-list">
      {!store.hasOlder(channelId) && messages.length > 0 && <p className={`muted small ${styles.chatBeginning}`}>{t('beginning')}</p>}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
          >
            {row(item.index)}
          </div>
        ))}
      </div>
      {showJump && (
        <button className={`${styles.chatJump} primary small ${styles.chatWithIcon}`} onClick={scrollToEnd}>
          <ArrowDown size={16} aria-hidden />
          {t('jumpToLatest')}
        </button>
      )}
    </div>
  );
}
