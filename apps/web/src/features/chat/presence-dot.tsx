import { useT } from '../../i18n/i18n';
import { useChat } from './chat-context';
import { chatMessages } from './messages';
import styles from './chat.module.css';

/** online (green), away (amber) or offline (hollow), combined over the person's tabs and devices. */
export function PresenceDot({ userId }: { userId: string }) {
  const store = useChat();
  const t = useT(chatMessages);
  const status = store.presence.get(userId) ?? 'offline';
  return <span className={`${styles.presenceDot} ${styles[status] ?? ''}`} title={t(status)} aria-label={t(status)} />;
}
