import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Search, X } from 'lucide-react';
import { useNavigate } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useErrorText } from '../../api/errors';
import { chatApi, type NewChannel } from './chat-api';
import { useT } from '../../i18n/i18n';
import { useChat } from './chat-context';
import type { ChannelView } from '@yakuba/contracts';
import { MessageBody } from './markdown';
import { PresenceDot } from './presence-dot';
import { chatMessages } from './messages';
import styles from './chat.module.css';

/** The dialogs' REST screens in the query cache (always asked again when opened: the socket does not update them). */
const chatKeys = {
  browse: ['chat', 'browse'] as const,
  members: (channelId: string) => ['chat', 'members', channelId] as const,
  pins: (channelId: string) => ['chat', 'pins', channelId] as const,
};

export function Dialog({ title, onClose, children }: { title: string; onClose(): void; children: ReactNode }) {
  const t = useT(chatMessages);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className={styles.chatDialogBackdrop} onClick={onClose}>
      <div className={styles.chatDialog} role="dialog" aria-label={title} onClick={(e) => e.stopPropagation()}>
        <div className={styles.chatDialogHead}>
          <h2>{title}</h2>
          <button className="icon-button" aria-label={t('close')} onClick={onClose}>
            <X size={20} aria-hidden />
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

function PeoplePicker({ selected, onChange, exclude = [] }: { selected: string[]; onChange(ids: string[]): void; exclude?: string[] }) {
  const store = useChat();
  const [q, setQ] = useState('');
  const people = [...store.users.values()].filter(
    (u) => u.id !== store.me.id && !exclude.includes(u.id) && (u.displayName.includes(q) || u.username.includes(q.toLowerCase())),
  );
  return (
    <div className={styles.chatPeople}>
      <div className={styles.chatFilter}>
        <Search size={16} aria-hidden />
        <input value={q} onChange={(e) => setQ(e.target.value)} aria-label="filter" />
      </div>
      <ul>
        {people.slice(0, 100).map((u) => (
          <li key={u.id}>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={selected.includes(u.id)}
                onChange={(e) => onChange(e.target.checked ? [...selected, u.id] : selected.filter((x) => x !== u.id))}
              />
              {u.displayName} <span className="muted small">@{u.username}</span>
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Creates a channel (or finds the direct conversation), opens it and closes the dialog; keeps the error to show. */
function useCreateChannel(onClose: () => void) {
  const store = useChat();
  const navigate = useNavigate();
  const [error, setError] = useState('');
  const errorText = useErrorText();
  const create = async (body: NewChannel) => {
    try {
      const channel = await chatApi.create(body);
      store.channels.set(channel.id, channel);
      onClose();
      void navigate(`/chat/${channel.id}`);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return { create, error };
}

export function NewChannelDialog({ onClose }: { onClose(): void }) {
  const t = useT(chatMessages);
  const [name, setName] = useState('');
  const [type, setType] = useState<'public' | 'private'>('public');
  const [topic, setTopic] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const { create, error } = useCreateChannel(onClose);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create({ name, type, topic, memberIds: members });
  };
  return (
    <Dialog title={t('newChannel')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className={styles.chatForm}>
        <label>
          {t('name')}
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} />
        </label>
        <label>
          {t('topic')}
          <input value={topic} onChange={(e) => setTopic(e.target.value)} maxLength={250} />
        </label>
        <label>
          {t('type')}
          <select value={type} onChange={(e) => setType(e.target.value as 'public' | 'private')}>
            <option value="public">{t('public')}</option>
            <option value="private">{t('private')}</option>
          </select>
        </label>
        <PeoplePicker selected={members} onChange={setMembers} />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button className="primary" type="submit">
          {t('create')}
        </button>
      </form>
    </Dialog>
  );
}

export function NewDirectDialog({ onClose }: { onClose(): void }) {
  const t = useT(chatMessages);
  const [members, setMembers] = useState<string[]>([]);
  const { create, error } = useCreateChannel(onClose);
  const open = () => create({ name: 'direct', type: 'direct', memberIds: members });
  return (
    <Dialog title={t('newDirect')} onClose={onClose}>
      <PeoplePicker selected={members} onChange={setMembers} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button className="primary" disabled={!members.length} onClick={() => void open()}>
        {t('send')}
      </button>
    </Dialog>
  );
}

export function BrowseDialog({ onClose }: { onClose(): void }) {
  const t = useT(chatMessages);
  const navigate = useNavigate();
  const list = useQuery({ queryKey: chatKeys.browse, queryFn: chatApi.browse, staleTime: 0 }).data ?? [];
  return (
    <Dialog title={t('browse')} onClose={onClose}>
      <ul className={styles.chatBrowse}>
        {list.map((c) => (
          <li key={c.id}>
            <button
              className="link-button"
              onClick={() => {
                onClose();
                void navigate(`/chat/${c.id}`);
              }}
            >
              # {c.name}
            </button>
            <span className="muted small">
              {c.topic} · {c.memberCount}
            </span>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

export function MembersDialog({ channel, onClose }: { channel: ChannelView; onClose(): void }) {
  const t = useT(chatMessages);
  const store = useChat();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const members = useQuery({ queryKey: chatKeys.members(channel.id), queryFn: () => chatApi.members(channel.id), staleTime: 0 }).data ?? [];
  const [adding, setAdding] = useState<string[]>([]);
  const [error, setError] = useState('');
  const reload = () => void queryClient.invalidateQueries({ queryKey: chatKeys.members(channel.id) });
  const manual = channel.type !== 'direct' && !channel.departmentId;
  const run = async (fn: () => Promise<unknown>) => {
    try {
      setError('');
      await fn();
      reload();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <Dialog title={t('memberCount', { count: members.length })} onClose={onClose}>
      <ul className={styles.chatMembers}>
        {members.map((m) => (
          <li key={m.userId}>
            <PresenceDot userId={m.userId} /> {store.userName(m.userId)} {m.role === 'owner' && <span className="muted small">owner</span>}
            {manual && channel.role === 'owner' && m.userId !== store.me.id && (
              <button
                className={`link-button small ${styles.chatChipRemove}`}
                aria-label={t('removeMember')}
                title={t('removeMember')}
                onClick={() => void run(() => chatApi.removeMember(channel.id, m.userId))}
              >
                <X size={16} aria-hidden />
              </button>
            )}
          </li>
        ))}
      </ul>
      {manual && channel.joined && (
        <>
          <PeoplePicker selected={adding} onChange={setAdding} exclude={members.map((m) => m.userId)} />
          <button
            className="primary"
            disabled={!adding.length}
            onClick={() =>
              void run(async () => {
                await chatApi.addMembers(channel.id, adding);
                setAdding([]);
              })
            }
          >
            {t('invite')}
          </button>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}

export function PinsDialog({ channelId, onClose }: { channelId: string; onClose(): void }) {
  const t = useT(chatMessages);
  const store = useChat();
  const list = useQuery({ queryKey: chatKeys.pins(channelId), queryFn: () => chatApi.pins(channelId), staleTime: 0 }).data?.messages ?? [];
  return (
    <Dialog title={t('pinned')} onClose={onClose}>
      <ul className={styles.chatMembers}>
        {list.map((m) => (
          <li key={m.id}>
            <strong>{store.userName(m.authorId)}</strong>
            <MessageBody body={m.body} />
          </li>
        ))}
      </ul>
      {!list.length && <p className="muted">{t('noResults')}</p>}
    </Dialog>
  );
}
