import { FilePen } from 'lucide-react';
import { useNavigate } from 'react-router-dom';
import type { MessageView } from '@yakuba/contracts';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n/i18n';
import type { DraftFromMessage } from './draft-page';
import { approvalsMessages } from './messages';

/** The first line of a chat message as a draft's title (markdown marks and mentions dropped, at most 60 characters). */
export function titleFromMessage(body: string): string {
  const line = body.split('\n').find((l) => l.trim()) ?? '';
  const plain = line
    .replace(/[#>*_`~[\]()]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 60 ? `${plain.slice(0, 59)}…` : plain;
}

/**
 * The chat message menu's 「起案する」: opens a new draft filled from the message. The server links the draft to the
 * message and marks it 事後決裁 when the message is in a disaster channel.
 */
export function DraftFromMessageButton({
  message,
  channelName,
  authorName,
}: {
  message: MessageView;
  channelName: string;
  authorName: string;
}) {
  const t = useT(approvalsMessages);
  const { can } = useSession();
  const navigate = useNavigate();
  if (!can('approvals.use') || !message.body) return null;
  const open = () => {
    const fromMessage: DraftFromMessage = {
      sourceMessageId: message.id,
      title: titleFromMessage(message.body),
      body: `${message.body}\n\n（#${channelName} ${authorName}）`,
      channelName,
    };
    void navigate('/approvals/new', { state: { fromMessage } });
  };
  return (
    <button className="icon-button small" title={t('newDraft')} aria-label={t('newDraft')} onClick={open} data-testid="draft-from-message">
      <FilePen size={18} aria-hidden />
    </button>
  );
}
