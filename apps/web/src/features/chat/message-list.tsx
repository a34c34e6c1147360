import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ArrowDown } from 'lucide-react';
import { useT } from '../../i18n/i18n';
import { useChat } from './chat-context';
import type { MessageView } from '@yakuba/contracts';
import { MessageItem, PendingItem } from './message-item';
import { chatMessages } from './messages';
import styles from './chat.module.css';

/** A message to show and highlight (a search result): its seq, and a key that changes with every navigation. */
export interface ListTarget {
  seq: number;
  key: string;
}

const HIGHLIGHT_MS = 4000;

/**
 * The channel's messages, virtualised (only the rows on screen are in the DOM, so tens of thousands scroll
 * smoothly). Older pages load when the top comes near; the view sticks to the bottom while the reader is there. With
 * a target the list opens at that message, highlighted for a moment; in a window of older history (the store's
 * detached channels) newer pages load when the bottom comes near, and 最新へ leaves for the latest messages.
 */
export function MessageList({ channelId, onOpenThread, target }: { channelId: string; onOpenThread(id: string): void; target?: ListTarget }) {
  const store = useChat();
  const t = useT(chatMessages);
  const messages = store.channelMessages(channelId);
  const detached = store.isDetached(channelId);
  const pending = detached ? [] : store.pending(channelId);
  const parentRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(!target);
  const loading = useRef(false);
  const shownTarget = useRef<string | null>(null);
  const [highlightId, setHighlightId] = useState<string | null>(null);
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

  // New messages (or the first page) keep the view at the bottom if the reader was there (not in older history).
  useLayoutEffect(() => {
    if (atBottom.current && !detached) scrollToEnd();
  }, [count, scrollToEnd, detached]);

  useEffect(() => {
    atBottom.current = !target;
    // Only a new channel resets this; the target has its own effect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channelId]);

  // The target, once its page is held: scrolled to the middle of the view and highlighted for a moment. A thread reply
  // is not in the channel's list: the nearest message before it (its thread's root, usually) is shown instead.
  const targetHeld = !!target && messages.length > 0 && (messages[0].seq <= target.seq || !store.hasOlder(channelId));
  const targetIndex = target && targetHeld ? findTarget(messages, target.seq) : -1;
  const targetId = targetIndex >= 0 ? messages[targetIndex].id : null;
  useEffect(() => {
    if (!target || targetIndex < 0 || !targetId || shownTarget.current === target.key) return;
    shownTarget.current = target.key;
    atBottom.current = false;
    setShowJump(true);
    virtualizer.scrollToIndex(targetIndex, { align: 'center' });
    setHighlightId(targetId);
  }, [target, targetIndex, targetId, virtualizer]);
  useEffect(() => {
    if (!highlightId) return;
    const timer = setTimeout(() => setHighlightId(null), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlightId]);

  const onScroll = async () => {
    const el = parentRef.current;
    if (!el) return;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    atBottom.current = fromBottom < 80;
    setShowJump(!atBottom.current || detached);
    if (atBottom.current) store.markRead(channelId);
    if (loading.current) return;
    if (el.scrollTop < 400 && store.hasOlder(channelId)) {
      loading.current = true;
      const firstKey = messages[0]?.id;
      const added = await store.loadOlder(channelId).finally(() => (loading.current = false));
      // Keep the message that was at the top where it was.
      if (added && firstKey) requestAnimationFrame(() => virtualizer.scrollToIndex(added, { align: 'start' }));
    } else if (detached && fromBottom < 400) {
      // Newer pages append below what is on screen: the view stays where it is.
      loading.current = true;
      await store.loadNewer(channelId).finally(() => (loading.current = false));
    }
  };

  const jump = () => {
    atBottom.current = true;
    if (detached) void store.jumpToLatest(channelId);
    else scrollToEnd();
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
        <MessageItem message={m} compact={compact && !firstUnread && m.id !== highlightId} onOpenThread={onOpenThread} highlighted={m.id === highlightId} />
      </>
    );
  };

  return (
    <div className={styles.chatList} ref={parentRef} onScroll={() => void onScroll()} data-testid="chat-message-list" data-detached={detached || undefined}>
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
      {detached && <p className={`muted small ${styles.chatBeginning}`}>{t('loadingNewer')}</p>}
      {(showJump || detached) && (
        <button className={`${styles.chatJump} primary small ${styles.chatWithIcon}`} onClick={jump} data-testid="chat-jump-latest">
          <ArrowDown size={16} aria-hidden />
          {t('jumpToLatest')}
        </button>
      )}
    </div>
  );
}

/** The message at `seq`, or else the last one before it (a thread reply's place in the channel), or the first. */
function findTarget(messages: MessageView[], seq: number): number {
  let found = messages.length ? 0 : -1;
  for (let i = 0; i < messages.length && messages[i].seq <= seq; i++) found = i;
  return found;
}
