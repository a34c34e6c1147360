import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, Phone } from 'lucide-react';
import {
  ROLL_CALL_ATTENDANCE,
  ROLL_CALL_SAFETY,
  type DisasterView,
  type RollCallAnswerView,
  type RollCallAttendance,
  type RollCallSafety,
} from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime, nextOccurrence, toTokyoInput } from '../../shared/format-date';
import { boardMessages } from './board-messages';
import { DepartmentBoard } from './department-board';
import { useDisasterStore } from './disaster-live';
import { disastersApi } from './disasters-api';
import { disasterKeys } from './disasters-queries';
import { useNames } from './use-names';
import styles from './disasters.module.css';

export const SAFETY_KEY = { safe: 'safe', injured: 'injured', needs_help: 'needsHelp' } as const;
export const ATTENDANCE_KEY = { available: 'available', unavailable: 'unavailable', arrived: 'arrived' } as const;

interface Details {
  eta: string;
  location: string;
  note: string;
}

/** A time up to this long ago is still today's (someone running late, or slow to press send), not tomorrow's. */
const ETA_GRACE_MS = 60 * 60_000;

/**
 * The expected arrival (HH:MM on the organisation's clock) as an ISO instant: the next time the clock reads it, so
 * 00:30 given at 23:30 is after midnight, not 23 hours ago.
 */
function etaFromTime(time: string): string | null {
  if (!time) return null;
  return nextOccurrence(time, new Date(Date.now() - ETA_GRACE_MS));
}

/** The two rows of big buttons: safety, then attendance. The second tap sends the answer. */
function Choices({
  safety,
  attendance,
  onSafety,
  onAttendance,
  disabled,
  idPrefix,
}: {
  safety: RollCallSafety | null;
  attendance: RollCallAttendance | null;
  onSafety(s: RollCallSafety): void;
  onAttendance(a: RollCallAttendance): void;
  disabled: boolean;
  idPrefix: string;
}) {
  const t = useT(boardMessages);
  return (
    <>
      <fieldset className={styles.bigChoices} disabled={disabled}>
        <legend>{t('safetyQuestion')}</legend>
        {ROLL_CALL_SAFETY.map((s) => (
          <button
            key={s}
            type="button"
            className={`${styles.bigChoice} ${styles[`safety-${s}`]} ${safety === s ? styles.picked : ''}`}
            aria-pressed={safety === s}
            onClick={() => onSafety(s)}
            data-testid={`${idPrefix}safety-${s}`}
          >
            {t(SAFETY_KEY[s])}
          </button>
        ))}
      </fieldset>
      <fieldset className={styles.bigChoices} disabled={disabled}>
        <legend>{t('attendanceQuestion')}</legend>
        {ROLL_CALL_ATTENDANCE.map((a) => (
          <button
            key={a}
            type="button"
            className={`${styles.bigChoice} ${attendance === a ? styles.picked : ''}`}
            aria-pressed={attendance === a}
            onClick={() => onAttendance(a)}
            data-testid={`${idPrefix}attendance-${a}`}
          >
            {t(ATTENDANCE_KEY[a])}
          </button>
        ))}
      </fieldset>
    </>
  );
}

function DetailFields({ details, onChange, showEta }: { details: Details; onChange(d: Details): void; showEta: boolean }) {
  const t = useT(boardMessages);
  return (
    <div className={`grid-form ${styles.details}`}>
      {showEta && (
        <label>
          {t('eta')}
          <input type="time" value={details.eta} onChange={(e) => onChange({ ...details, eta: e.target.value })} />
        </label>
      )}
      <label>
        {t('location')}
        <input
          value={details.location}
          onChange={(e) => onChange({ ...details, location: e.target.value })}
          maxLength={200}
          placeholder={t('locationPlaceholder')}
        />
      </label>
      <label>
        {t('note')}
        <input value={details.note} onChange={(e) => onChange({ ...details, note: e.target.value })} maxLength={1000} />
      </label>
    </div>
  );
}

const detailsOf = (a: RollCallAnswerView | null | undefined): Details => ({
  eta: a?.eta ? toTokyoInput(a.eta).slice(11, 16) : '',
  location: a?.location ?? '',
  note: a?.note ?? '',
});

/** The caller's own answer: two taps (safety, attendance), sent at once; details and changes any time after. */
function MyAnswer({ disaster, mine }: { disaster: DisasterView; mine: RollCallAnswerView | null }) {
  const t = useT(boardMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const store = useDisasterStore();
  const waiting = store?.waitingRollCall(disaster.id);
  const [safety, setSafety] = useState<RollCallSafety | null>(waiting?.payload.safety ?? mine?.safety ?? null);
  const [attendance, setAttendance] = useState<RollCallAttendance | null>(waiting?.payload.attendance ?? mine?.attendance ?? null);
  const [details, setDetails] = useState<Details>(detailsOf(mine));
  const [status, setStatus] = useState<'' | 'sending' | 'sent' | 'queued'>('');
  const [error, setError] = useState('');
  useEffect(() => {
    if (mine && !waiting) {
      setSafety(mine.safety);
      setAttendance(mine.attendance);
    }
  }, [mine?.answeredAt]); // eslint-disable-line react-hooks/exhaustive-deps
  const closed = disaster.status !== 'active';
  const send = async (s: RollCallSafety | null, a: RollCallAttendance | null, d: Details = details) => {
    if (!store || !s || !a) return;
    setStatus('sending');
    setError('');
    const res = await store.answerRollCall({
      disasterId: disaster.id,
      safety: s,
      attendance: a,
      eta: a === 'available' ? etaFromTime(d.eta) : null,
      location: d.location.trim() || null,
      note: d.note.trim() || null,
    });
    if (res.sent) setStatus('sent');
    else if ('queued' in res) setStatus('queued');
    else {
      setStatus('');
      setError(errorText(res.error));
    }
  };
  return (
    <section className={`card ${styles.myAnswer}`} aria-labelledby="my-answer-title" data-testid="roll-call-form">
      <h2 id="my-answer-title">{t('myAnswer')}</h2>
      <Choices
        safety={safety}
        attendance={attendance}
        disabled={closed}
        idPrefix=""
        onSafety={(s) => {
          setSafety(s);
          void send(s, attendance);
        }}
        onAttendance={(a) => {
          setAttendance(a);
          void send(safety, a);
        }}
      />
      <p className={styles.answerStatus} role="status" data-testid="roll-call-status">
        {waiting && !waiting.failed
          ? t('answerQueued')
          : status === 'sending'
            ? t('sending')
            : mine
              ? t('answeredAt', { time: formatDateTime(mine.answeredAt, locale) }) + (mine.onBehalf ? ` ${t('answeredOnBehalf')}` : '')
              : safety && !attendance
                ? t('nowAttendance')
                : t('notAnswered')}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {safety && attendance && !closed && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void send(safety, attendance);
          }}
        >
          <DetailFields details={details} onChange={setDetails} showEta={attendance === 'available'} />
          <div className="form-actions">
            <button type="submit" disabled={status === 'sending'}>
              {t('sendDetails')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** Answer for a colleague reached by phone (recorded as on their behalf). */
function OnBehalf({ disaster, userId, onDone }: { disaster: DisasterView; userId: string; onDone(): void }) {
  const t = useT(boardMessages);
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [safety, setSafety] = useState<RollCallSafety | null>(null);
  const [attendance, setAttendance] = useState<RollCallAttendance | null>(null);
  const [details, setDetails] = useState<Details>(detailsOf(null));
  const save = useMutation({
    mutationFn: () =>
      disastersApi.answerFor(disaster.id, userId, {
        safety: safety!,
        attendance: attendance!,
        eta: attendance === 'available' ? etaFromTime(details.eta) : null,
        location: details.location.trim() || null,
        note: details.note.trim() || null,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: disasterKeys.rollCall(disaster.id) });
      onDone();
    },
  });
  return (
    <div className={styles.onBehalf} data-testid="on-behalf-form">
      <Choices
        safety={safety}
        attendance={attendance}
        onSafety={setSafety}
        onAttendance={setAttendance}
        disabled={save.isPending}
        idPrefix="behalf-"
      />
      <DetailFields details={details} onChange={setDetails} showEta={attendance === 'available'} />
      {save.error && <p className="error">{errorText(save.error)}</p>}
      <div className="form-actions">
        <button onClick={onDone}>{t('cancel')}</button>
        <button className="primary" disabled={!safety || !attendance || save.isPending} onClick={() => save.mutate()}>
          {t('saveOnBehalf')}
        </button>
      </div>
    </div>
  );
}

/** The officer's live tally: totals, by department, the unanswered by name, those who need attention, CSV. */
function Tally({ disaster }: { disaster: DisasterView }) {
  const t = useT(boardMessages);
  const nameOf = useNames(disaster.id);
  const { locale } = useLocale();
  const tally = useQuery({ queryKey: disasterKeys.rollCall(disaster.id), queryFn: () => disastersApi.rollCall(disaster.id) }).data;
  const [behalf, setBehalf] = useState<string | null>(null);
  if (!tally) return null;
  const attention = tally.answers.filter((a) => a.safety !== 'safe');
  const active = disaster.status === 'active';
  return (
    <section className={styles.tally} aria-label={t('tally')} data-testid="roll-call-tally">
      <div className="toolbar">
        <h2>{t('tally')}</h2>
        <span className="spacer" />
        <a className="button" href={disastersApi.rollCallCsvUrl(disaster.id)} download>
          <Download size={16} aria-hidden /> {t('csv')}
        </a>
      </div>
      <div className={styles.summary}>
        <div className={`card ${styles.figure}`}>
          <span className={styles.figureValue} data-testid="tally-answered">
            {tally.answered} / {tally.total}
          </span>
          <span className="muted small">{t('answeredFigure')}</span>
        </div>
        <div className={`card ${styles.figure}`}>
          <span className={styles.figureLine}>
            {ROLL_CALL_SAFETY.map((s) => (
              <span key={s} className={styles[`safety-${s}`]} data-testid={`tally-safety-${s}`}>
                {t(SAFETY_KEY[s])} {tally.safety[s]}
              </span>
            ))}
          </span>
          <span className={styles.figureLine}>
            {ROLL_CALL_ATTENDANCE.map((a) => (
              <span key={a} data-testid={`tally-attendance-${a}`}>
                {t(ATTENDANCE_KEY[a])} {tally.attendance[a]}
              </span>
            ))}
          </span>
        </div>
      </div>
      {attention.length > 0 && (
        <div className={`card ${styles.attentionList}`}>
          <h3>{t('needsAttention')}</h3>
          <ul>
            {attention.map((a) => (
              <li key={a.userId}>
                <strong className={styles[`safety-${a.safety}`]}>{t(SAFETY_KEY[a.safety])}</strong> {nameOf(a.userId)}
                {a.location ? ` ・ ${a.location}` : ''}
                {a.note ? ` ・ ${a.note}` : ''} <span className="muted small">{formatDateTime(a.answeredAt, locale)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <DepartmentBoard
        rows={tally.byDepartment.map((row) => ({ ...row, outstanding: row.unanswered }))}
        testId="tally-department"
        columns={ROLL_CALL_SAFETY.length + ROLL_CALL_ATTENDANCE.length + 2}
        headings={
          <>
            <th className={styles.num}>{t('answered')}</th>
            {ROLL_CALL_SAFETY.map((s) => (
              <th key={s} className={styles.num}>
                {t(SAFETY_KEY[s])}
              </th>
            ))}
            {ROLL_CALL_ATTENDANCE.map((a) => (
              <th key={a} className={styles.num}>
                {t(ATTENDANCE_KEY[a])}
              </th>
            ))}
            <th className={styles.num}>{t('unanswered')}</th>
          </>
        }
        figures={(row) => (
          <>
            <td className={styles.num}>
              {row.answered}/{row.total}
            </td>
            {ROLL_CALL_SAFETY.map((s) => (
              <td key={s} className={`${styles.num} ${s !== 'safe' && row.safety[s] ? styles.attention : ''}`}>
                {row.safety[s]}
              </td>
            ))}
            {ROLL_CALL_ATTENDANCE.map((a) => (
              <td key={a} className={styles.num}>
                {row.attendance[a]}
              </td>
            ))}
            <td className={`${styles.num} ${row.unanswered.length ? styles.attention : ''}`}>{row.unanswered.length}</td>
          </>
        )}
        outstanding={(row) => (
          <ul className={styles.unansweredList}>
            {row.unanswered.map((id) => (
              <li key={id}>
                <span>{nameOf(id)}</span>
                {active && (
                  <button
                    className={`small ${styles.withIcon}`}
                    onClick={() => setBehalf(behalf === id ? null : id)}
                    aria-expanded={behalf === id}
                  >
                    <Phone size={14} aria-hidden /> {t('answerFor')}
                  </button>
                )}
                {behalf === id && <OnBehalf disaster={disaster} userId={id} onDone={() => setBehalf(null)} />}
              </li>
            ))}
          </ul>
        )}
      />
    </section>
  );
}

/** 安否確認・参集: the caller's own answer on top, the officer's tally below. */
export function RollCallPanel({ disaster, officer }: { disaster: DisasterView; officer: boolean }) {
  const errorText = useErrorText();
  const query = useQuery({ queryKey: disasterKeys.rollCall(disaster.id), queryFn: () => disastersApi.rollCall(disaster.id) });
  return (
    <div className={styles.rollCall}>
      {query.error && <p className="error">{errorText(query.error)}</p>}
      {query.isSuccess && <MyAnswer disaster={disaster} mine={query.data.mine} />}
      {officer && query.isSuccess && <Tally disaster={disaster} />}
    </div>
  );
}
