import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ClipboardList, Siren } from 'lucide-react';
import { Link, useNavigate } from 'react-router-dom';
import { DISASTER_KINDS, DISASTER_LEVEL_MAX, DISASTER_LEVEL_MIN, type DisasterKind, type DisasterView } from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useSession } from '../../auth/session';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { DrillBadge, KIND_KEYS, kindAndLevel } from './disaster-banner';
import { disastersApi } from './disasters-api';
import { disasterKeys, putDisaster } from './disasters-queries';
import { disastersMessages } from './messages';
import styles from './disasters.module.css';

export const LEVELS = Array.from({ length: DISASTER_LEVEL_MAX - DISASTER_LEVEL_MIN + 1 }, (_, i) => DISASTER_LEVEL_MIN + i);

/** Officers and administrators: title, kind, level, drill. The new disaster opens at once. */
function DeclareForm({ onDone }: { onDone(): void }) {
  const t = useT(disastersMessages);
  const errorText = useErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<DisasterKind>('heavy_rain');
  const [level, setLevel] = useState('');
  const [drill, setDrill] = useState(false);
  const declare = useMutation({
    mutationFn: disastersApi.declare,
    onSuccess: (d) => {
      putDisaster(queryClient, d);
      onDone();
      void navigate(`/disasters/${d.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (title.trim()) declare.mutate({ title: title.trim(), kind, level: level ? Number(level) : undefined, drill });
  };
  return (
    <form
      className={`card form ${styles.declareForm} ${drill ? styles.declareDrill : styles.declareReal}`}
      onSubmit={submit}
      aria-label={t('declareTitle')}
    >
      <h2>{t('declareTitle')}</h2>
      <p className="muted small">{t('declareHint')}</p>
      <label>
        {t('titleLabel')}
        <input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder={t('titlePlaceholder')}
          maxLength={200}
          required
          autoFocus
        />
      </label>
      <fieldset className={styles.choiceGroup}>
        <legend>{t('kindLabel')}</legend>
        {DISASTER_KINDS.map((k) => (
          <label key={k} className={`${styles.choice} ${kind === k ? styles.chosen : ''}`}>
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {t(KIND_KEYS[k])}
          </label>
        ))}
      </fieldset>
      <label>
        {t('levelLabel')}
        <select value={level} onChange={(e) => setLevel(e.target.value)}>
          <option value="">{t('levelNone')}</option>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {t('levelValue', { level: l })}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={drill} onChange={(e) => setDrill(e.target.checked)} data-testid="declare-drill" />
        {t('drillLabel')}
      </label>
      {declare.error && (
        <p className="error" role="alert">
          {errorText(declare.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
        <button
          type="submit"
          className={drill ? 'primary' : `primary ${styles.dangerButton}`}
          disabled={declare.isPending || !title.trim()}
        >
          {drill ? t('declareDrillSubmit') : t('declareSubmit')}
        </button>
      </div>
    </form>
  );
}

function DisasterRow({ d }: { d: DisasterView }) {
  const t = useT(disastersMessages);
  const { locale } = useLocale();
  return (
    <li className={`card ${styles.disasterCard} ${d.status === 'active' ? (d.drill ? styles.cardDrill : styles.cardActive) : ''}`}>
      <Link to={`/disasters/${d.id}`} className={styles.disasterLink}>
        <span className={styles.cardHead}>
          <span className={`${styles.statusChip} ${d.status === 'active' ? styles.statusActive : ''}`}>
            {d.status === 'active' ? t('active') : t('closed')}
          </span>
          <DrillBadge drill={d.drill} />
          <strong>{d.title}</strong>
        </span>
        <span className="muted small">
          {kindAndLevel(d, t)} ・ {t('declaredAt', { time: formatDateTime(d.openedAt, locale) })}
          {d.closedAt ? ` ・ ${t('closedAt', { time: formatDateTime(d.closedAt, locale) })}` : ''} ・{' '}
          {t('members', { count: d.memberCount })}
        </span>
      </Link>
    </li>
  );
}

/** /disasters: what is running now, the past ones, and (for officers) declaring one and the duty plan. */
export function DisasterListPage() {
  const t = useT(disastersMessages);
  const { can } = useSession();
  const errorText = useErrorText();
  const [declaring, setDeclaring] = useState(false);
  const list = useQuery({ queryKey: disasterKeys.list, queryFn: disastersApi.list, staleTime: 10_000 });
  const all = list.data ?? [];
  const active = all.filter((d) => d.status === 'active');
  const past = all.filter((d) => d.status !== 'active');
  const officer = can('disasters.run');
  return (
    <section className="page">
      <div className="toolbar">
        <h1>{t('title')}</h1>
        <span className="spacer" />
        <Link className="button" to="/disasters/roster">
          <ClipboardList size={16} aria-hidden /> {t('rosterPlan')}
        </Link>
        {officer && !declaring && (
          <button
            className={`primary ${styles.dangerButton} ${styles.withIcon}`}
            onClick={() => setDeclaring(true)}
            data-testid="declare-open"
          >
            <Siren size={18} aria-hidden /> {t('declare')}
          </button>
        )}
      </div>
      {declaring && <DeclareForm onDone={() => setDeclaring(false)} />}
      {list.error && (
        <p className="error" role="alert">
          {errorText(list.error)}
        </p>
      )}
      <h2>{t('active')}</h2>
      {list.isSuccess && active.length === 0 && <p className="empty-state">{t('noDisasters')}</p>}
      <ul className={styles.disasterList}>
        {active.map((d) => (
          <DisasterRow key={d.id} d={d} />
        ))}
      </ul>
      <h2>{t('past')}</h2>
      {list.isSuccess && past.length === 0 && <p className="empty-state">{t('noPast')}</p>}
      <ul className={styles.disasterList}>
        {past.map((d) => (
          <DisasterRow key={d.id} d={d} />
        ))}
      </ul>
    </section>
  );
}
