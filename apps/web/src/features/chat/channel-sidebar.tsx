import { useState } from 'react';
import { Bell, Hash, List, Lock, Megaphone, Plus, Search, Siren } from 'lucide-react';
import { NavLink } from 'react-router-dom';
import { useT } from '../../i18n/i18n';
import { useChat } from './chat-context';
import type { ChannelView } from '@yakuba/contracts';
import { chatMessages } from './messages';
import { PresenceDot } from './presence-dot';
import { BrowseDialog, NewChannelDialog, NewDirectDialog } from './channel-dialogs';
import styles from './chat.module.css';

/** What makes a channel stand out: a live disaster's channel, or one for the whole organisation (全庁連絡). */
export function importance(channel: ChannelView): 'disaster' | 'all-staff' | null {
  if (channel.managedBy === 'disasters' && !channel.archived) return 'disaster';
  if (channel.allStaff || (channel.managedBy && !channel.archived)) return 'all-staff';
  return null;
}

function ChannelLink({ channel }: { channel: ChannelView }) {
  const store = useChat();
  const t = useT(chatMessages);
  const other = channel.type === 'direct' ? (channel.memberIds ?? []).find((id) => id !== store.me.id) : undefined;
  const kind = importance(channel);
  const icon =
    kind === 'disaster' ? (
      <Siren size={16} />
    ) : kind === 'all-staff' ? (
      <Megaphone size={16} />
    ) : channel.type === 'public' ? (
      <Hash size={16} />
    ) : channel.type === 'private' ? (
      <Lock size={16} />
    ) : null;
  return (
    <NavLink
      to={`/chat/${channel.id}`}
      className={`${styles.chatChannelLink} ${channel.unread ? `${styles.unread}` : ''} ${kind === 'disaster' ? styles.disaster : kind ? styles.important : ''}`}
      data-testid="chat-channel-link"
      data-importance={kind ?? undefined}
      title={kind === 'disaster' ? t('disasterChannel') : kind ? t('allStaffChannel') : undefined}
    >
      <span className={styles.chatChannelIcon} aria-hidden>
        {other ? <PresenceDot userId={other} /> : icon}
      </span>
      <span className={styles.chatChannelName}>{store.channelTitle(channel)}</span>
      {channel.mentions > 0 && (
        <span className={`${styles.chatBadge} ${styles.mention}`} title={t('unreadMentions', { count: channel.mentions })}>
          @{channel.mentions}
        </span>
      )}
      {channel.broadcastMentions > 0 && (
        <span className={`${styles.chatBadge} broadcast`} title={t('mentionAll')}>
          {channel.broadcastMentions}
        </span>
      )}
      {channel.unread > 0 && (
        <span className={styles.chatBadge} data-testid="chat-unread" title={t('unreadCount', { count: channel.unread })}>
          {channel.unread > 999 ? '999+' : channel.unread}
        </span>
      )}
    </NavLink>
  );
}

export function ChannelSidebar({ onNavigate }: { onNavigate?: () => void }) {
  const store = useChat();
  const t = useT(chatMessages);
  const [dialog, setDialog] = useState<'channel' | 'browse' | 'direct' | null>(null);
  const channels = [...store.channels.values()].filter((c) => c.joined);
  const important = channels.filter((c) => importance(c)).sort((a, b) => (importance(a) === 'disaster' ? -1 : 0) - (importance(b) === 'disaster' ? -1 : 0) || a.name.localeCompare(b.name, 'ja'));
  const named = channels
    .filter((c) => c.type !== 'direct' && !importance(c))
    .sort((a, b) => Number(!!b.departmentId) - Number(!!a.departmentId) || a.name.localeCompare(b.name, 'ja'));
  const direct = channels.filter((c) => c.type === 'direct').sort((a, b) => b.lastSeq - a.lastSeq);
  const canNotify = typeof Notification !== 'undefined' && Notification.permission === 'default';
  return (
    <aside className={styles.chatSidebar} onClick={(e) => (e.target as HTMLElement).closest('a') && onNavigate?.()}>
      <NavLink to="/chat/search" className={styles.chatSearchLink}>
        <Search size={16} aria-hidden />
        {t('search')}
      </NavLink>
      {important.length > 0 && (
        <>
          <div className={styles.chatSectionHead}>
            <span>{t('important')}</span>
          </div>
          <nav aria-label={t('important')} className={styles.chatImportant} data-testid="chat-important-channels">
            {important.map((c) => (
              <ChannelLink key={c.id} channel={c} />
            ))}
          </nav>
        </>
      )}
      <div className={styles.chatSectionHead}>
        <span>{t('channels')}</span>
        <button className="icon-button small" title={t('browse')} aria-label={t('browse')} onClick={() => setDialog('browse')}>
          <List size={18} aria-hidden />
        </button>
        <button className="icon-button small" title={t('newChannel')} aria-label={t('newChannel')} onClick={() => setDialog('channel')}>
          <Plus size={18} aria-hidden />
        </button>
      </div>
      <nav aria-label={t('channels')}>
        {named.map((c) => (
          <ChannelLink key={c.id} channel={c} />
        ))}
      </nav>
      <div className={styles.chatSectionHead}>
        <span>{t('directMessages')}</span>
        <button className="icon-button small" title={t('newDirect')} aria-label={t('newDirect')} onClick={() => setDialog('direct')}>
          <Plus size={18} aria-hidden />
        </button>
      </div>
      <nav aria-label={t('directMessages')}>
        {direct.map((c) => (
          <ChannelLink key={c.id} channel={c} />
        ))}
      </nav>
      {canNotify && (
        <button
          className={`link-button small ${styles.chatNotify} ${styles.chatWithIcon}`}
          onClick={() => void Notification.requestPermission().then(() => store.loadChannels())}
        >
          <Bell size={16} aria-hidden />
          {t('enableNotifications')}
        </button>
      )}
      {dialog === 'channel' && <NewChannelDialog onClose={() => setDialog(null)} />}
      {dialog === 'browse' && <BrowseDialog onClose={() => setDialog(null)} />}
      {dialog === 'direct' && <NewDirectDialog onClose={() => setDialog(null)} />}
    </aside>
  );
}
