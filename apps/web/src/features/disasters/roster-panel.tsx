import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Check, UserRoundX } from 'lucide-react';
import { Link } from 'react-router-dom';
import { DUTY_GROUPS, DUTY_STATES, type DisasterDutyView, type DisasterView, type DutyGroup, type DutyState } from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useSession } from '../../auth/session';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { boardMessages } from './board-messages';
import { useDisasterStore } from './disaster-live';
import { disastersApi } from './disasters-api';
import { disasterKeys } from './disasters-queries';
import { useNames, useStaff } from './use-names';
import styles from './disasters.module.css';

export const GROUP_KEY = {
  headquarters: 'groupHeadquarters',
  shelter: 'groupShelter',
  key_holder: 'groupKeyHolder',
  other: 'groupOther',
} as const satisfies Record<DutyGroup, string>;
const DUTY_STATE_KEY = { pending: 'dutyPending', confirmed: 'dutyConfirmed', unavailable: 'dutyUnavailable' } as const satisfies Record<
  DutyState,
  string
>;

function useDuties(disasterId: string) {
  return useQuery({ queryKey: disasterKeys.duties(disasterId), queryFn: () => disastersApi.duties(disasterId) });
}

function useDutyChanged(disasterId: string) {
  const queryClient = useQueryClient();
  return (duty: DisasterDutyView) =>
    queryClient.setQueryData<DisasterDutyView[]>(disasterKeys.duties(disasterId), (list) =>
      list?.map((d) => (d.id === duty.id ? duty : d)),
    );
}

/**
 * 確認します / 参集できません, for the holder of a duty: through the disasters outbox, so an answer given without a
 * connection (on the way in, in a basement) is kept and sent when it returns, once.
 */
function RespondButtons({ disaster, duty }: { disaster: DisasterView; duty: DisasterDutyView }) {
  const t = useT(boardMessages);
  const errorText = useErrorText();
  const store = useDisasterStore();
  const waiting = store?.waitingDuty(duty.id);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState('');
  if (disaster.status !== 'active') return null;
  const respond = async (state: 'confirmed' | 'unavailable') => {
    if (!store) return;
    setSending(true);
    setError('');
    const res = await store.respondDuty(disaster.id, duty.id, state);
    setSending(false);
    if (!res.sent && 'error' in res) setError(errorText(res.error));
  };
  const shown = waiting && !waiting.failed ? waiting.state : duty.state;
  return (
    <span className={styles.respond}>
      {shown !== 'confirmed' && (
        <button
          className={`primary ${styles.withIcon}`}
          disabled={sending}
          onClick={() => void respond('confirmed')}
          data-testid="duty-confirm"
        >
          <Check size={16} aria-hidden /> {t('confirmDuty')}
        </button>
      )}
      {shown !== 'unavailable' && (
        <button
          className={styles.withIcon}
          disabled={sending}
          onClick={() => window.confirm(t('confirmUnavailable')) && void respond('unavailable')}
        >
          <UserRoundX size={16} aria-hidden /> {t('cannotCome')}
        </button>
      )}
      {waiting && !waiting.failed && (
        <span className="small muted" role="status" data-testid="duty-queued">
          {t('dutyQueued', { state: t(DUTY_STATE_KEY[waiting.state]) })}
        </span>
      )}
      {error && <span className="error small">{error}</span>}
    </span>
  );
}

function StateChip({ state }: { state: DutyState }) {
  const t = useT(boardMessages);
  return (
    <span className={`${styles.dutyState} ${styles[`duty-${state}`]}`} data-state={state}>
      {t(DUTY_STATE_KEY[state])}
    </span>
  );
}

/** On the overview: the caller's own duties, with the buttons to confirm them. */
export function MyDuties({ disaster }: { disaster: DisasterView }) {
  const t = useT(boardMessages);
  const { user } = useSession();
  const duties = useDuties(disaster.id).data ?? [];
  const mine = duties.filter((d) => d.assigneeId === user?.id);
  if (!mine.length) return null;
  return (
    <section className={`card ${styles.myDuties}`} aria-labelledby="my-duties-title">
      <h2 id="my-duties-title">{t('myDuties')}</h2>
      <ul className={styles.dutyList}>
        {mine.map((d) => (
          <li key={d.id} className={styles.dutyRow}>
            <span>
              <strong>{d.title}</strong> {d.place && <span className="muted">・{d.place}</span>} <StateChip state={d.state} />
            </span>
            <RespondButtons disaster={disaster} duty={d} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Reassign({ disaster, duty }: { disaster: DisasterView; duty: DisasterDutyView }) {
  const t = useT(boardMessages);
  const errorText = useErrorText();
  const { staff, deptName } = useStaff();
  const changed = useDutyChanged(disaster.id);
  const [to, setTo] = useState('');
  const reassign = useMutation({
    mutationFn: () => disastersApi.reassignDuty(disaster.id, duty.id, { assigneeId: to }),
    onSuccess: (d) => {
      changed(d);
      setTo('');
    },
  });
  return (
    <span className={styles.reassign}>
      <select value={to} onChange={(e) => setTo(e.target.value)} aria-label={t('reassignTo', { title: duty.title })}>
        <option value="">{t('reassignPick')}</option>
        {staff
          .filter((u) => u.id !== duty.assigneeId)
          .map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName}（{deptName.get(u.departmentId ?? '') ?? '—'}）
            </option>
          ))}
      </select>
      <button disabled={!to || reassign.isPending} onClick={() => reassign.mutate()}>
        {t('reassign')}
      </button>
      {reassign.error && <span className="error small">{errorText(reassign.error)}</span>}
    </span>
  );
}

/** 配備体制 of this disaster: every duty with its holder and state; the holder confirms, the officer reassigns. */
export function RosterPanel({ disaster, officer }: { disaster: DisasterView; officer: boolean }) {
  const t = useT(boardMessages);
  const { locale } = useLocale();
  const { user } = useSession();
  const errorText = useErrorText();
  const nameOf = useNames(disaster.id);
  const query = useDuties(disaster.id);
  const duties = query.data ?? [];
  const [filter, setFilter] = useState<DutyState | ''>('');
  const counts = Object.fromEntries(DUTY_STATES.map((s) => [s, duties.filter((d) => d.state === s).length])) as Record<DutyState, number>;
  const shown = filter ? duties.filter((d) => d.state === filter) : duties;
  const active = disaster.status === 'active';
  return (
    <div className={styles.roster}>
      <div className="toolbar" role="group" aria-label={t('dutyFilter')}>
        <button aria-pressed={!filter} className={!filter ? styles.selectedFilter : ''} onClick={() => setFilter('')}>
          {t('all')} {duties.length}
        </button>
        {DUTY_STATES.map((s) => (
          <button
            key={s}
            aria-pressed={filter === s}
            className={filter === s ? styles.selectedFilter : ''}
            onClick={() => setFilter(s)}
            data-testid={`duty-count-${s}`}
          >
            {t(DUTY_STATE_KEY[s])} {counts[s]}
          </button>
        ))}
        <span className="spacer" />
        <Link className="button" to="/disasters/roster">
          {t('editPlan')}
        </Link>
      </div>
      {query.error && <p className="error">{errorText(query.error)}</p>}
      {query.isSuccess && duties.length === 0 && <p className="empty-state">{t('noDuties')}</p>}
      {DUTY_GROUPS.map((g) => {
        const rows = shown.filter((d) => d.group === g);
        if (!rows.length) return null;
        return (
          <section key={g} className={styles.dutyGroup}>
            <h2>{t(GROUP_KEY[g])}</h2>
            <ul className={styles.dutyList}>
              {rows.map((d) => (
                <li key={d.id} className={`card ${styles.dutyCard} ${styles[`duty-card-${d.state}`]}`} data-testid="duty">
                  <div className={styles.dutyMain}>
                    <strong>{d.title}</strong>
                    {d.place && <span className="muted"> ・{d.place}</span>}
                    <span className="muted small"> ・{t('levelShort', { level: d.level })}</span>
                  </div>
                  <div className={styles.dutyHolder}>
                    <span>{d.assigneeId ? nameOf(d.assigneeId) : t('unassigned')}</span>
                    <StateChip state={d.state} />
                    {d.respondedAt && <span className="muted small">{formatDateTime(d.respondedAt, locale)}</span>}
                    {d.note && <span className="small">「{d.note}」</span>}
                    {d.previousAssigneeIds.length > 0 && (
                      <span className="muted small">
                        {t('previously', { names: d.previousAssigneeIds.map((id) => nameOf(id)).join('、') })}
                      </span>
                    )}
                  </div>
                  <div className={styles.dutyActions}>
                    {d.assigneeId === user?.id && <RespondButtons disaster={disaster} duty={d} />}
                    {officer && active && <Reassign disaster={disaster} duty={d} />}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
