import { useEffect, useMemo, useState } from 'react';
import { Hash, Lock, Menu, Pin, Users } from 'lucide-react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useErrorText } from '../../api/errors';
import { chatApi } from './chat-api';
import { useT } from '../../i18n/i18n';
import { ChannelSidebar } from './channel-sidebar';
import { MembersDialog, PinsDialog } from './channel-dialogs';
import { useChat } from './chat-context';
import type { ChannelView } from '@yakuba/contracts';
import { Composer } from './composer';
import { MessageList, type ListTarget } from './message-list';
import { chatMessages } from './messages';
import { ThreadPane } from './thread-pane';
import styles from './chat.module.css';

function TypingLine({ channelId }: { channelId: string }) {
  const store = useChat();
  const t = useT(chatMessages);
  const who = store.typingIn(channelId).filter((id) => id !== store.me.id);
  return (
    <div className={`${styles.chatTyping} muted small`} aria-live="polite">
      {who.length === 1 ? t('typing', { name: store.userName(who[0]) }) : who.length > 1 ? t('typingMany', { count: who.length }) : ' '}
    </div>
  );
}

function ChannelHeader({ channel, onMembers }: { channel: ChannelView; onMembers(): void }) {
  const store = useChat();
  const t = useT(chatMessages);
  const navigate = useNavigate();
  const [pins, setPins] = useState(false);
  const manage = channel.role === 'owner';
  const patch = async (body: { name?: string; topic?: string; archived?: boolean }) => {
    const next = await chatApi.update(channel.id, body);
    store.channels.set(next.id, next);
    await store.loadChannels();
  };
  return (
    <header className={styles.chatHeader}>
      <div className={styles.chatHeaderTitle}>
        <h1>
          {channel.type === 'public' ? <Hash size={18} aria-hidden /> : channel.type === 'private' ? <Lock size={18} aria-hidden /> : null}
          {store.channelTitle(channel)}
        </h1>
        {channel.topic && <span className={`muted small ${styles.chatTopic}`}>{channel.topic}</span>}
      </div>
      <div className={styles.chatHeaderActions}>
        <button
          className={`small ${styles.chatWithIcon}`}
          onClick={onMembers}
          title={t('members')}
          aria-label={t('memberCount', { count: channel.memberCount })}
        >
          <Users size={16} aria-hidden />
          {channel.memberCount}
        </button>
        <button className={`small ${styles.chatWithIcon}`} onClick={() => setPins(true)} title={t('pinned')} aria-label={t('pinned')}>
          <Pin size={16} aria-hidden />
        </button>
        {pins && <PinsDialog channelId={channel.id} onClose={() => setPins(false)} />}
        {channel.joined && (
          <button
            className="small"
            onClick={() => {
              const topic = window.prompt(t('topic'), channel.topic);
              if (topic !== null) void patch({ topic });
            }}
          >
            {t('topic')}
          </button>
        )}
        {manage && channel.type !== 'direct' && (
          <button
            className="small"
            onClick={() => {
              const name = window.prompt(t('rename'), channel.name);
              if (name) void patch({ name });
            }}
          >
            {t('rename')}
          </button>
        )}
        {manage && !channel.archived && channel.type !== 'direct' && (
          <button className="small" onClick={() => void patch({ archived: true })}>
            {t('archive')}
          </button>
        )}
        {channel.joined && channel.type !== 'direct' && !channel.departmentId && (
          <button
            className="small"
            onClick={() =>
              void chatApi.leave(channel.id).then(() => {
                store.channels.delete(channel.id);
                void navigate('/chat');
              })
            }
          >
            {t('leave')}
          </button>
        )}
      </div>
    </header>
  );
}

/** A channel's name in the composer's placeholder, short enough for a tablet's composer (800 px wide). */
function shortTitle(title: string): string {
  const chars = [...title];
  return chars.length > 14 ? `${chars.slice(0, 13).join('')}…` : title;
}

/**
 * /chat and /chat/:channelId: sidebar, message list, composer and the thread pane. `?at=<seq>` opens the channel at
 * that message, highlighted, with history around it (search results); `&thread=<rootId>` opens its thread too.
 */
export function ChatPage() {
  const store = useChat();
  const t = useT(chatMessages);
  const { channelId } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const atParam = params.get('at');
  const at = atParam !== null && /^\d{1,15}$/.test(atParam) ? Number(atParam) : undefined;
  const threadParam = params.get('thread');
  // location.key changes with every navigation: clicking the same result again shows it again.
  const target = useMemo<ListTarget | undefined>(() => (at !== undefined ? { seq: at, key: location.key } : undefined), [at, location.key]);
  const [threadRootId, setThreadRootId] = useState<string | null>(null);
  const [showMembers, setShowMembers] = useState(false);
  const [sidebarOpen, setSidebarOpen] = useState(!channelId);
  const [error, setError] = useState('');
  const [visiting, setVisiting] = useState<ChannelView | null>(null);
  const errorText = useErrorText();

  useEffect(() => {
    setThreadRootId(threadParam);
    setError('');
    setVisiting(null);
    if (!channelId) {
      store.activeChannelId = null;
      return;
    }
    setSidebarOpen(false);
    if (!store.channels.get(channelId)) {
      void chatApi.channel(channelId).then(setVisiting, (e: unknown) => setError(errorText(e)));
    }
    store.openChannel(channelId, at).catch((e: unknown) => setError(errorText(e)));
    // errorText changes with the language only; reopening the channel for that is not wanted.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channelId, store, target]);

  // /chat on a wide screen opens the first channel once the list has arrived.
  const firstChannel = [...store.channels.values()].find((c) => c.joined)?.id;
  useEffect(() => {
    if (!channelId && firstChannel && window.innerWidth > 900) void navigate(`/chat/${firstChannel}`, { replace: true });
  }, [channelId, firstChannel, navigate]);

  const channel = (channelId && store.channels.get(channelId)) || visiting;
  const totalUnread = [...store.channels.values()].reduce((n, c) => n + c.unread, 0);
  useEffect(() => {
    const base = document.title.replace(/^\(\d+\+?\) /, '');
    document.title = totalUnread ? `(${totalUnread > 99 ? '99+' : totalUnread}) ${base}` : base;
    return () => void (document.title = base);
  }, [totalUnread]);
  return (
    <div className={`${styles.chatLayout} ${threadRootId ? `${styles.withThread}` : ''} ${sidebarOpen ? `${styles.sidebarOpen}` : ''}`}>
      <ChannelSidebar onNavigate={() => setSidebarOpen(false)} />
      <section className={`${styles.chatMain} chat-main`} data-connected={store.connected}>
        {!store.connected && (
          <div className={styles.chatOffline} role="status">
            {t('reconnecting')}
          </div>
        )}
        <button className={`${styles.chatSidebarToggle} small ${styles.chatWithIcon}`} onClick={() => setSidebarOpen((o) => !o)}>
          <Menu size={16} aria-hidden />
          {t('channels')}
        </button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {channel ? (
          <>
            <ChannelHeader channel={channel} onMembers={() => setShowMembers(true)} />
            <MessageList key={channel.id} channelId={channel.id} onOpenThread={setThreadRootId} target={target} />
            <TypingLine channelId={channel.id} />
            {channel.archived ? (
              <p className={`muted ${styles.chatArchived}`}>{t('archived')}</p>
            ) : channel.joined ? (
              <Composer channelId={channel.id} placeholder={t('composerPlaceholder', { channel: shortTitle(store.channelTitle(channel)) })} hint={t('composerHint')} />
            ) : (
              <div className={styles.chatJoin}>
                <span className="muted">{t('notMember')}</span>
                <button
                  className="primary"
                  onClick={() =>
                    void chatApi.join(channel.id).then((c) => {
                      store.channels.set(c.id, c);
                      void store.loadChannels();
                    })
                  }
                >
                  {t('join')}
                </button>
              </div>
            )}
          </>
        ) : (
          !error && <p className={`muted ${styles.chatEmpty}`}>{t('noChannel')}</p>
        )}
      </section>
      {channel && threadRootId && (
        <ThreadPane
          channelId={channel.id}
          rootId={threadRootId}
          onClose={() => setThreadRootId(null)}
          highlightSeq={threadRootId === threadParam ? at : undefined}
        />
      )}
      {channel && showMembers && <MembersDialog channel={channel} onClose={() => setShowMembers(false)} />}
    </div>
  );
}
