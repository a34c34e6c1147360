import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { Paperclip, Smile, X } from 'lucide-react';
import { ApiError } from '../../api/client';
import { useErrorText } from '../../api/errors';
import { chatApi } from './chat-api';
import { useT } from '../../i18n/i18n';
import { useDepartments } from '../admin/directory-queries';
import { useChat } from './chat-context';
import { EmojiPicker } from './emoji-picker';
import type { AttachmentView } from '@yakuba/contracts';
import { chatMessages } from './messages';
import styles from './chat.module.css';

const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,application/pdf';
interface Candidate {
  username: string;
  displayName: string;
  organisation?: string | null;
  channelId?: string;
  /** A whole department (@総務課): its members in the channel are mentioned. */
  department?: boolean;
}

const BROADCASTS: Candidate[] = [
  { username: 'channel', displayName: '@channel' },
  { username: 'here', displayName: '@here' },
];

interface Upload {
  name: string;
  progress: number;
  error?: string;
}

/**
 * Writing a message: Enter sends, Shift+Enter breaks the line, @ completes a name or a department, the emoji picker
 * inserts bundled emoji, files drop in with progress. `hint` (the keys) is shown under it where there is room.
 */
export function Composer({
  channelId,
  placeholder,
  threadRootId,
  hint,
}: {
  channelId: string;
  placeholder: string;
  threadRootId?: string;
  hint?: string;
}) {
  const store = useChat();
  const t = useT(chatMessages);
  const departments = useDepartments();
  const [emojiAnchor, setEmojiAnchor] = useState<HTMLElement | null>(null);
  const [text, setText] = useState('');
  const [alsoSend, setAlsoSend] = useState(false);
  const [files, setFiles] = useState<AttachmentView[]>([]);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const [mention, setMention] = useState<{ query: string; at: number; index: number } | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const errorText = useErrorText();

  const candidates: Candidate[] = mention
    ? [
        ...BROADCASTS,
        ...store.mentionable(channelId),
        ...departments.map((d) => ({ username: d.name, displayName: d.name, department: true })),
      ]
        .filter((u) => u.username.startsWith(mention.query.toLowerCase()) || u.displayName.includes(mention.query))
        .slice(0, 8)
    : [];

  /** Puts an emoji where the caret is (or replaces the selection) and gives the focus back to the text. */
  const insertEmoji = (emoji: string) => {
    const el = area.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    setText(text.slice(0, start) + emoji + text.slice(end));
    setEmojiAnchor(null);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };

  const submit = () => {
    const body = text.trim();
    if (!body && !files.length) return;
    store.send(channelId, body, { threadRootId, alsoSendToChannel: threadRootId ? alsoSend : undefined, attachments: files });
    setText('');
    setFiles([]);
    setMention(null);
  };

  const complete = (username: string) => {
    if (!mention) return;
    const next = `${text.slice(0, mention.at)}@${username} ${text.slice(mention.at + 1 + mention.query.length)}`;
    setText(next);
    setMention(null);
    requestAnimationFrame(() => area.current?.focus());
  };

  const onChange = (value: string, caret: number) => {
    setText(value);
    store.sendTyping(channelId, threadRootId);
    const before = value.slice(0, caret);
    const match = /(^|\s)@([^\s@]*)$/.exec(before);
    setMention(match ? { query: match[2], at: caret - match[2].length - 1, index: 0 } : null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return; // IME conversion (日本語入力) in progress: Enter confirms the word.
    if (mention && candidates.length) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setMention({ ...mention, index: (mention.index + step + candidates.length) % candidates.length });
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        complete(candidates[mention.index].username);
        return;
      }
      if (e.key === 'Escape') return setMention(null);
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    }
  };

  const addFiles = async (list: FileList | File[]) => {
    for (const file of Array.from(list)) {
      const entry: Upload = { name: file.name, progress: 0 };
      setUploads((u) => [...u, entry]);
      try {
        const done = await chatApi.attach(channelId, file, (p) =>
          setUploads((u) => u.map((x) => (x === entry ? Object.assign(entry, { progress: p }) : x)).slice()),
        );
        setFiles((f) => [...f, done]);
        setUploads((u) => u.filter((x) => x !== entry));
      } catch (err) {
        const status = err instanceof ApiError ? err.status : 0;
        const message = status === 413 ? t('fileTooLarge') : status === 415 ? t('fileType') : errorText(err);
        setUploads((u) => u.map((x) => (x === entry ? { ...x, error: message } : x)));
      }
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length) void addFiles(e.dataTransfer.files);
  };

  return (
    <div
      className={`${styles.chatComposer} ${dragging ? `${styles.dragging}` : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      {dragging && <div className={styles.chatDropHint}>{t('dropFiles')}</div>}
      {mention && candidates.length > 0 && (
        <ul className={`popover ${styles.chatMentionMenu}`} role="listbox">
          {candidates.map((u, i) => (
            <li
              key={u.username}
              role="option"
              aria-selected={i === mention.index}
              className={i === mention.index ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                complete(u.username);
              }}
            >
              {u.displayName}
              {u.channelId && u.organisation && !u.displayName.includes(u.organisation) && `（${u.organisation}）`}
              {u.channelId && (
                <span className="badge" data-testid="mention-guest">
                  {t('guest')}
                </span>
              )}
              {u.department && (
                <span className="badge" data-testid="mention-department">
                  {t('departmentMention')}
                </span>
              )}{' '}
              <span className="muted small">@{u.username}</span>
            </li>
          ))}
        </ul>
      )}
      {(uploads.length > 0 || files.length > 0) && (
        <div className={styles.chatUploads}>
          {files.map((f) => (
            <span key={f.id} className={`${styles.chatChip} chat-chip`}>
              <Paperclip size={16} aria-hidden />
              {f.name}
              <button
                className={`link-button small ${styles.chatChipRemove}`}
                aria-label={t('discard')}
                onClick={() => setFiles((x) => x.filter((y) => y.id !== f.id))}
              >
                <X size={16} aria-hidden />
              </button>
            </span>
          ))}
          {uploads.map((u, i) => (
            <span key={i} className={`${styles.chatChip} chat-chip`}>
              {u.name}{' '}
              {u.error ? (
                <span className="error small">{u.error}</span>
              ) : (
                <progress max={1} value={u.progress} aria-label={t('uploading')} />
              )}
              {u.error && (
                <button
                  className={`link-button small ${styles.chatChipRemove}`}
                  aria-label={t('discard')}
                  onClick={() => setUploads((x) => x.filter((y) => y !== u))}
                >
                  <X size={16} aria-hidden />
                </button>
              )}
            </span>
          ))}
        </div>
      )}
      <div className={styles.chatComposerRow}>
        <button className="icon-button" title={t('attach')} aria-label={t('attach')} onClick={() => fileInput.current?.click()}>
          <Paperclip size={20} aria-hidden />
        </button>
        <input
          ref={fileInput}
          type="file"
          accept={ACCEPT}
          multiple
          hidden
          onChange={(e) => {
            if (e.target.files) void addFiles(e.target.files);
            e.target.value = '';
          }}
        />
        <button
          className="icon-button"
          title={t('emojiPicker')}
          aria-label={t('emojiPicker')}
          aria-expanded={!!emojiAnchor}
          data-testid="composer-emoji"
          onClick={(e) => {
            const button = e.currentTarget;
            setEmojiAnchor((open) => (open ? null : button));
          }}
        >
          <Smile size={20} aria-hidden />
        </button>
        {emojiAnchor && <EmojiPicker anchor={emojiAnchor} onPick={insertEmoji} onClose={() => setEmojiAnchor(null)} />}
        <textarea
          ref={area}
          value={text}
          rows={Math.min(6, Math.max(1, text.split('\n').length))}
          placeholder={placeholder}
          aria-label={placeholder}
          title={hint}
          data-testid="chat-composer"
          onChange={(e) => onChange(e.target.value, e.target.selectionStart)}
          onKeyDown={onKeyDown}
        />
        <button className="primary" onClick={submit} disabled={!text.trim() && !files.length} data-testid="chat-send">
          {t('send')}
        </button>
      </div>
      {hint && <p className={`muted small ${styles.chatComposerHint}`}>{hint}</p>}
      {threadRootId && (
        <label className="checkbox small">
          <input type="checkbox" checked={alsoSend} onChange={(e) => setAlsoSend(e.target.checked)} /> {t('alsoSend')}
        </label>
      )}
    </div>
  );
}
