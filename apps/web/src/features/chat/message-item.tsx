import { memo, useState, type KeyboardEvent } from 'react';
import { Clock, FileText, MessageSquare, MessageSquareReply, Pencil, Pin, PinOff, SmilePlus, Trash2, TriangleAlert } from 'lucide-react';
import { useErrorText } from '../../api/errors';
import { DraftFromMessageButton } from '../approvals/draft-from-message';
import { chatApi } from './chat-api';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { useChat } from './chat-context';
import { SYSTEM_ACCOUNT, type MessageView } from '@yakuba/contracts';
import type { PendingMessage } from './chat-types';
import { Emoji, favouriteEmoji, recordEmojiUse } from './emoji';
import { EmojiPicker } from './emoji-picker';
import { MessageBody } from './markdown';
import { chatMessages } from './messages';
import styles from './chat.module.css';

function Attachments({ message }: { message: Pick<MessageView, 'attachments'> }) {
  const t = useT(chatMessages);
  if (!message.attachments?.length) return null;
  return (
    <div className={styles.chatAttachments}>
      {message.attachments.map((a) =>
        a.mediaType.startsWith('image/') ? (
          <a key={a.id} href={a.url} target="_blank" rel="noopener noreferrer">
            <img src={a.url} alt={a.name} loading="lazy" />
          </a>
        ) : (
          <a key={a.id} href={a.url} target="_blank" rel="noopener noreferrer" className={styles.chatFile}>
            <FileText size={18} aria-hidden />
            {a.name} <span className="muted small">{t('openPdf')}</span>
          </a>
        ),
      )}
    </div>
  );
}

/** 既読 N on the author's own message; a click lists who read it and who has not yet (未読). */
function Readers({ message }: { message: MessageView }) {
  const store = useChat();
  const t = useT(chatMessages);
  const [list, setList] = useState<{ read: string[]; unread: string[] } | null>(null);
  const count = store.readCount(message);
  // As in Japanese business chat: nothing until someone has read it, then 既読 N.
  if (!count || message.authorId !== store.me.id || message.deletedAt) return null;
  const show = async () => {
    const res = await chatApi.readers(message.id);
    setList({ read: res.readers.map((r) => r.displayName), unread: res.unread.map((r) => r.displayName) });
  };
  return (
    <span className={styles.chatReaders}>
      <button
        className="link-button small"
        onClick={() => (list ? setList(null) : void show())}
        aria-expanded={!!list}
        title={t('readersTitle')}
        data-testid="chat-read-count"
      >
        {t('read', { count: count })}
      </button>
      {list && (
        <span className={`popover ${styles.chatReadersList}`} role="tooltip" data-testid="chat-readers">
          <span data-testid="chat-readers-read">
            {t('readBy')}（{list.read.length}）: {list.read.join('、') || '—'}
          </span>
          <span data-testid="chat-readers-unread">
            {t('unreadBy')}（{list.unread.length}）: {list.unread.join('、') || '—'}
          </span>
        </span>
      )}
    </span>
  );
}

export const MessageItem = memo(function MessageItem({
  message,
  compact,
  onOpenThread,
  inThread,
  highlighted,
}: {
  message: MessageView;
  compact: boolean;
  onOpenThread?(id: string): void;
  inThread?: boolean;
  /** The message a search result (or a link) opened: marked for a moment. */
  highlighted?: boolean;
}) {
  const store = useChat();
  const t = useT(chatMessages);
  const { locale } = useLocale();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.body);
  // The reaction picker is open beside this button (null: closed).
  const [pickerAnchor, setPickerAnchor] = useState<HTMLElement | null>(null);
  const mine = message.authorId === store.me.id;
  const mentionsMe = message.mentions.userIds.includes(store.me.id) || message.mentions.channel || message.mentions.here;
  const react = (emoji: string) => void store.emit('chat:react', { messageId: message.id, emoji });
  const pickReaction = (emoji: string) => {
    setPickerAnchor(null);
    react(emoji);
  };
  const save = async () => {
    if (!draft.trim()) return;
    if (draft === message.body) return setEditing(false);
    const res = await store.emit('chat:edit', { messageId: message.id, body: draft });
    if (res.ok) setEditing(false);
  };
  // As when composing: Enter saves, Shift+Enter breaks the line, Escape cancels; not while the IME converts.
  const onEditKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setDraft(message.body);
      setEditing(false);
    }
  };
  return (
    <div
      className={`${styles.chatMessage} ${compact && !message.urgent ? `${styles.compact}` : ''} ${mentionsMe && !mine ? `${styles.mentioned}` : ''} ${message.urgent ? `${styles.urgent}` : ''} ${highlighted ? styles.highlighted : ''}`}
      data-testid="chat-message"
      data-seq={message.seq}
      data-highlighted={highlighted || undefined}
    >
      {(!compact || message.urgent) && (
        <div className={styles.chatMessageHead}>
          <strong>{store.userName(message.authorId)}</strong>
          {store.isGuest(message.authorId) && (
            <span className="badge" data-testid="chat-guest-badge">
              {t('guest')}
            </span>
          )}
          {message.authorId === SYSTEM_ACCOUNT.id && (
            <span className="badge" data-testid="chat-system-badge">
              {t('system')}
            </span>
          )}
          {message.urgent && (
            <span className={styles.urgentBadge} data-testid="chat-urgent-badge">
              {t('urgent')}
            </span>
          )}
          <time className="muted small" dateTime={message.createdAt}>
            {formatDateTime(message.createdAt, locale)}
          </time>
          {message.pinned && (
            <span className={`small ${styles.chatWithIcon} chat-pinned`}>
              <Pin size={16} aria-hidden />
              {t('pinned')}
            </span>
          )}
        </div>
      )}
      {message.deletedAt ? (
        <p className={`muted ${styles.chatDeleted}`}>{t('deleted')}</p>
      ) : editing ? (
        <div className={styles.chatEdit}>
          <textarea
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onEditKey}
            rows={Math.min(8, Math.max(2, draft.split('\n').length))}
            autoFocus
            aria-label={t('edit')}
            aria-describedby={`edit-hint-${message.id}`}
            data-testid="chat-edit"
          />
          <div className={styles.chatEditActions}>
            <span className="muted small" id={`edit-hint-${message.id}`}>
              {t('editHint')}
            </span>
            <button className="primary small" onClick={() => void save()}>
              {t('save')}
            </button>
            <button className="small" onClick={() => setEditing(false)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <>
          {message.body && <MessageBody body={message.body} me={store.me.username} />}
          {message.editedAt && <span className="muted small">{t('edited')}</span>}
          <Attachments message={message} />
        </>
      )}
      {message.reactions.length > 0 && (
        <div className={styles.chatReactions}>
          {message.reactions.map((r) => (
            <button
              key={r.emoji}
              className={`${styles.chatReaction} ${r.userIds.includes(store.me.id) ? `${styles.mine}` : ''}`}
              onClick={() => react(r.emoji)}
              title={r.userIds.map((id) => store.userName(id)).join('、')}
              data-testid="chat-reaction"
              data-emoji={r.emoji}
            >
              <Emoji char={r.emoji} size={18} /> {r.userIds.length}
            </button>
          ))}
        </div>
      )}
      <div className={styles.chatMessageFoot}>
        {!inThread && message.replyCount > 0 && onOpenThread && (
          <button className={`link-button small ${styles.chatWithIcon}`} onClick={() => onOpenThread(message.id)}>
            <MessageSquare size={16} aria-hidden />
            {t('replies', { count: message.replyCount })}
          </button>
        )}
        <Readers message={message} />
      </div>
      {!message.deletedAt && !editing && (
        <div className={styles.chatActions} role="toolbar">
          {favouriteEmoji(4).map((e) => (
            <button
              key={e}
              className="icon-button small"
              title={t('react')}
              aria-label={`${t('react')} ${e}`}
              onClick={() => {
                recordEmojiUse(e);
                react(e);
              }}
            >
              <Emoji char={e} size={18} />
            </button>
          ))}
          <button
            className="icon-button small"
            title={t('addReaction')}
            aria-label={t('addReaction')}
            aria-expanded={!!pickerAnchor}
            onClick={(e) => {
              const button = e.currentTarget;
              setPickerAnchor((open) => (open ? null : button));
            }}
            data-testid="chat-add-reaction"
          >
            <SmilePlus size={18} aria-hidden />
          </button>
          {pickerAnchor && <EmojiPicker anchor={pickerAnchor} onPick={pickReaction} onClose={() => setPickerAnchor(null)} />}
          {!inThread && onOpenThread && (
            <button
              className="icon-button small"
              title={t('reply')}
              aria-label={t('reply')}
              onClick={() => onOpenThread(message.threadRootId ?? message.id)}
            >
              <MessageSquareReply size={18} aria-hidden />
            </button>
          )}
          <button
            className="icon-button small"
            title={message.pinned ? t('unpin') : t('pin')}
            aria-label={message.pinned ? t('unpin') : t('pin')}
            onClick={() => void store.emit('chat:pin', { messageId: message.id, pinned: !message.pinned })}
          >
            {message.pinned ? <PinOff size={18} aria-hidden /> : <Pin size={18} aria-hidden />}
          </button>
          <DraftFromMessageButton
            message={message}
            channelName={store.channels.get(message.channelId)?.name ?? ''}
            authorName={store.userName(message.authorId)}
          />
          {mine && (
            <button
              className="icon-button small"
              title={t('edit')}
              aria-label={t('edit')}
              onClick={() => {
                setDraft(message.body);
                setEditing(true);
              }}
            >
              <Pencil size={18} aria-hidden />
            </button>
          )}
          {mine && (
            <button
              className="icon-button small"
              title={t('delete')}
              aria-label={t('delete')}
              onClick={() => window.confirm(t('confirmDelete')) && void store.emit('chat:delete', { messageId: message.id })}
            >
              <Trash2 size={18} aria-hidden />
            </button>
          )}
        </div>
      )}
    </div>
  );
});

export function PendingItem({ item }: { item: PendingMessage }) {
  const store = useChat();
  const t = useT(chatMessages);
  const errorText = useErrorText();
  return (
    <div className={`${styles.chatMessage} ${styles.pending} ${item.failed ? `${styles.failed}` : ''}`} data-testid="chat-message-pending">
      <div className={styles.chatMessageHead}>
        <strong>{store.me.displayName}</strong>
        <span className={`muted small ${styles.chatWithIcon}`}>
          {item.failed ? <TriangleAlert size={16} aria-hidden /> : <Clock size={16} aria-hidden />}
          {item.failed ? `${t('failed')}: ${errorText(item.failed)}` : t('pending')}
        </span>
      </div>
      {item.body && <MessageBody body={item.body} />}
      <Attachments message={{ attachments: item.attachments ?? [] }} />
      {item.failed && (
        <button className="small" onClick={() => store.discard(item.clientMsgId)}>
          {t('discard')}
        </button>
      )}
    </div>
  );
}
