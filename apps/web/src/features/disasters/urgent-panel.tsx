import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { BellRing, Send } from 'lucide-react';
import type { DisasterView, UrgentAcks, UrgentCounts, UrgentReceiptState } from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { MessageBody } from '../chat/markdown';
import { boardMessages } from './board-messages';
import { DepartmentBoard } from './department-board';
import { disastersApi } from './disasters-api';
import { disasterKeys } from './disasters-queries';
import { useNames } from './use-names';
import styles from './disasters.module.css';

/** The four states, shown apart (drills showed staff confuse "opened" with "answered"). */
type Shown = 'acknowledged' | 'opened' | 'delivered' | 'pending';
const SHOWN: Shown[] = ['acknowledged', 'opened', 'delivered', 'pending'];
const STATE_KEY = {
  acknowledged: 'stateAcknowledged',
  opened: 'stateOpened',
  delivered: 'stateDelivered',
  pending: 'statePending',
} as const;

/** How many are in each state alone (counts are "reached at least": an acknowledged person also opened it). */
export function split(counts: UrgentCounts): Record<Shown, number> {
  const acknowledged = counts.acknowledged;
  const opened = Math.max(0, counts.opened - acknowledged);
  const delivered = Math.max(0, counts.delivered - counts.opened);
  return { acknowledged, opened, delivered, pending: Math.max(0, counts.total - acknowledged - opened - delivered) };
}

export function StateBar({ counts }: { counts: UrgentCounts }) {
  const t = useT(boardMessages);
  const parts = split(counts);
  return (
    <div className={styles.stateBarWrap}>
      <div className={styles.stateBar} aria-hidden>
        {SHOWN.map((s) => (
          <span key={s} className={styles[`state-${s}`]} style={{ flexGrow: parts[s] }} />
        ))}
      </div>
      <ul className={styles.stateLegend}>
        {SHOWN.map((s) => (
          <li key={s} data-state={s}>
            <span className={`${styles.swatch} ${styles[`state-${s}`]}`} aria-hidden />
            {t(STATE_KEY[s])} <strong data-testid={`urgent-count-${s}`}>{parts[s]}</strong>
          </li>
        ))}
        <li className="muted">{t('recipients', { count: counts.total })}</li>
      </ul>
    </div>
  );
}

/** Who is where, by department: acknowledged counts, and everyone not yet acknowledged by name with their state. */
function AckBoard({ disaster, messageId, officer }: { disaster: DisasterView; messageId: string; officer: boolean }) {
  const t = useT(boardMessages);
  const errorText = useErrorText();
  const nameOf = useNames(disaster.id);
  const query = useQuery({
    queryKey: disasterKeys.acks(disaster.id, messageId),
    queryFn: () => disastersApi.acks(disaster.id, messageId),
    staleTime: 0,
  });
  const renotify = useMutation({ mutationFn: () => disastersApi.renotify(disaster.id, messageId) });
  const board: UrgentAcks | undefined = query.data;
  if (!board) return query.error ? <p className="error">{errorText(query.error)}</p> : <p className="muted">…</p>;
  const stateOf = new Map<string, UrgentReceiptState>(board.receipts.map((r) => [r.userId, r.state]));
  const shownOf = (userId: string): Shown => {
    const s = stateOf.get(userId) ?? 'pending';
    return s === 'acknowledged' ? 'acknowledged' : s;
  };
  return (
    <section className={styles.board} aria-label={t('ackBoard')} data-testid="ack-board">
      <StateBar counts={board.counts} />
      {officer && disaster.status === 'active' && (
        <div className="toolbar">
          <button
            className={`primary ${styles.withIcon}`}
            disabled={renotify.isPending || board.pending.length === 0}
            onClick={() => renotify.mutate()}
            data-testid="renotify"
          >
            <BellRing size={18} aria-hidden /> {t('renotify', { count: board.pending.length })}
          </button>
          {renotify.data && (
            <span className="success small" role="status">
              {t('renotified', { count: renotify.data.renotified })}
            </span>
          )}
          {renotify.error && <span className="error small">{errorText(renotify.error)}</span>}
        </div>
      )}
      <DepartmentBoard
        rows={board.byDepartment.map((row) => ({ ...row, outstanding: row.pending }))}
        testId="ack-department"
        columns={SHOWN.length + 1}
        headings={
          <>
            {SHOWN.map((s) => (
              <th key={s} className={styles.num}>
                {t(STATE_KEY[s])}
              </th>
            ))}
            <th className={styles.num}>{t('total')}</th>
          </>
        }
        figures={(row) => {
          const counts: Record<Shown, number> = { acknowledged: row.total - row.pending.length, opened: 0, delivered: 0, pending: 0 };
          for (const id of row.pending) counts[shownOf(id)]++;
          return (
            <>
              {SHOWN.map((s) => (
                <td key={s} className={`${styles.num} ${counts[s] && s !== 'acknowledged' ? styles.attention : ''}`}>
                  {counts[s]}
                </td>
              ))}
              <td className={styles.num}>{row.total}</td>
            </>
          );
        }}
        outstanding={(row) => (
          <ul className={styles.nameChips}>
            {row.pending.map((id) => (
              <li key={id} className={styles[`chip-${shownOf(id)}`]}>
                {nameOf(id)} <span className="small">({t(STATE_KEY[shownOf(id)])})</span>
              </li>
            ))}
          </ul>
        )}
      />
    </section>
  );
}

function UrgentComposer({ disaster }: { disaster: DisasterView }) {
  const t = useT(boardMessages);
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const post = useMutation({
    mutationFn: (text: string) => disastersApi.postUrgent(disaster.id, text),
    onSuccess: () => {
      setBody('');
      void queryClient.invalidateQueries({ queryKey: disasterKeys.urgent(disaster.id) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim() && window.confirm(t('confirmUrgent'))) post.mutate(body.trim());
  };
  return (
    <form className={`card form ${styles.urgentForm}`} onSubmit={submit}>
      <label>
        {t('urgentCompose')}
        <textarea
          value={body}
          onChange={(e) => setBody(e.target.value)}
          rows={3}
          maxLength={4000}
          placeholder={t('urgentPlaceholder')}
          data-testid="urgent-compose"
        />
      </label>
      {post.error && (
        <p className="error" role="alert">
          {errorText(post.error)}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className={`primary ${styles.dangerButton} ${styles.withIcon}`}
          disabled={post.isPending || !body.trim()}
          data-testid="urgent-send"
        >
          <Send size={18} aria-hidden /> {t('urgentSend')}
        </button>
      </div>
    </form>
  );
}

/** 緊急連絡: the officer posts; everyone sees the list with its counts; the officer's board, live. */
export function UrgentPanel({ disaster, officer }: { disaster: DisasterView; officer: boolean }) {
  const t = useT(boardMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const nameOf = useNames(disaster.id);
  const list = useQuery({ queryKey: disasterKeys.urgent(disaster.id), queryFn: () => disastersApi.urgent(disaster.id), staleTime: 0 });
  const messages = [...(list.data ?? [])].sort((a, b) => b.seq - a.seq);
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = chosen ?? messages[0]?.messageId ?? null;
  return (
    <div className={styles.urgentPanel}>
      {officer && disaster.status === 'active' && <UrgentComposer disaster={disaster} />}
      {list.error && <p className="error">{errorText(list.error)}</p>}
      {list.isSuccess && messages.length === 0 && <p className="empty-state">{t('noUrgent')}</p>}
      <div className={styles.urgentColumns}>
        <ul className={styles.urgentList} aria-label={t('urgentList')}>
          {messages.map((m) => (
            <li key={m.messageId}>
              <button
                className={`${styles.urgentItem} ${selected === m.messageId ? styles.selected : ''}`}
                onClick={() => setChosen(m.messageId)}
                aria-pressed={selected === m.messageId}
                data-testid="urgent-item"
              >
                <span className="muted small">
                  {formatDateTime(m.createdAt, locale)} ・ {nameOf(m.authorId)}
                </span>
                <MessageBody body={m.body} />
                <span className={styles.ackLine}>
                  {t('ackOf', { acknowledged: m.counts.acknowledged, total: m.counts.total })}
                  {m.lastRenotifiedAt && (
                    <span className="muted small"> ・ {t('lastRenotified', { time: formatDateTime(m.lastRenotifiedAt, locale) })}</span>
                  )}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {selected && <AckBoard key={selected} disaster={disaster} messageId={selected} officer={officer} />}
      </div>
    </div>
  );
}
