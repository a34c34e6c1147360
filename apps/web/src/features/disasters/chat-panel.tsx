import { useEffect, useState, type ReactNode } from 'react';
import type { DisasterPerson, DisasterView } from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useT } from '../../i18n/i18n';
import { useChat } from '../chat/chat-context';
import { Composer } from '../chat/composer';
import { MessageList } from '../chat/message-list';
import { chatMessages } from '../chat/messages';
import { ThreadPane } from '../chat/thread-pane';
import chatStyles from '../chat/chat.module.css';
import { disastersMessages } from './messages';
import styles from './disasters.module.css';

/** The disaster channel with chat's own components (list, composer, threads): urgent messages show marked in it. */
export function DisasterChat({ channelId, title, closed }: { channelId: string; title: string; closed: boolean }) {
  const store = useChat();
  const t = useT(chatMessages);
  const td = useT(disastersMessages);
  const errorText = useErrorText();
  const [thread, setThread] = useState<string | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    store.openChannel(channelId).catch((e: unknown) => setError(errorText(e)));
    return () => {
      store.activeChannelId = null;
    };
    // errorText changes with the language only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channelId, store]);
  return (
    <div className={`${styles.chatBox} ${thread ? styles.chatBoxThread : ''}`}>
      <section className={`${chatStyles.chatMain} chat-main`}>
        {!store.connected && (
          <div className={chatStyles.chatOffline} role="status">
            {t('reconnecting')}
          </div>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <MessageList channelId={channelId} onOpenThread={setThread} />
        {closed ? (
          <p className={`muted ${chatStyles.chatArchived}`}>{td('readOnly')}</p>
        ) : (
          <Composer channelId={channelId} placeholder={t('composerPlaceholder', { channel: title })} />
        )}
      </section>
      {thread && <ThreadPane channelId={channelId} rootId={thread} onClose={() => setThread(null)} />}
    </div>
  );
}

export function ChatPanel({ disaster }: { disaster: DisasterView; guest: boolean }) {
  return <DisasterChat channelId={disaster.channelId} title={disaster.title} closed={disaster.status !== 'active'} />;
}

/**
 * Chat names authors from the staff directory, which has no guests (and which a guest may not read): the disaster
 * channel's members fill in the names it lacks, before the messages render. Guests go to the store's guests of this
 * channel (named, marked ゲスト, offered for @mention in this channel only), never into the directory's pickers.
 */
export function WithPeople({ people, channelId, children }: { people: DisasterPerson[]; channelId: string; children: ReactNode }) {
  const store = useChat();
  for (const p of people) {
    if (p.guest) {
      if (!store.guests.has(p.id))
        store.guests.set(p.id, {
          id: p.id,
          username: p.username ?? '',
          displayName: p.displayName,
          departmentId: null,
          position: null,
          channelId,
          organisation: p.organisation,
        });
    } else if (!store.users.has(p.id))
      store.users.set(p.id, {
        id: p.id,
        username: p.username ?? '',
        displayName: p.displayName,
        departmentId: p.departmentId,
        position: null,
      });
  }
  return children;
}
