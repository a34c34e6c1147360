import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { History, Pin } from 'lucide-react';
import { Link } from 'react-router-dom';
import type { DisasterView } from '@yakuba/contracts';
import { ApiError } from '../../api/client';
import { useErrorText } from '../../api/errors';
import { useSession } from '../../auth/session';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { MessageBody } from '../chat/markdown';
import { disastersApi } from './disasters-api';
import { disasterKeys } from './disasters-queries';
import { boardMessages } from './board-messages';
import { MyDuties } from './roster-panel';
import { useNames } from './use-names';
import styles from './disasters.module.css';

/** 状況報告: pinned on top; the officer writes a new version (a stale one is refused), every version is kept. */
function SituationReport({ disaster, officer }: { disaster: DisasterView; officer: boolean }) {
  const t = useT(boardMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const nameOf = useNames(disaster.id);
  const query = useQuery({ queryKey: disasterKeys.situation(disaster.id), queryFn: () => disastersApi.situation(disaster.id) });
  const [draft, setDraft] = useState<string | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const current = query.data?.current ?? null;
  const save = useMutation({
    mutationFn: (body: string) => disastersApi.saveSituation(disaster.id, body, current?.version ?? 0),
    onSuccess: () => {
      setDraft(null);
      void queryClient.invalidateQueries({ queryKey: disasterKeys.situation(disaster.id) });
    },
  });
  const stale = save.error instanceof ApiError && save.error.status === 409;
  const editable = officer && disaster.status === 'active';
  return (
    <section className={`card ${styles.situation}`} aria-labelledby="situation-title">
      <header className={styles.sectionHead}>
        <h2 id="situation-title">
          <Pin size={18} aria-hidden /> {t('situation')}
        </h2>
        {current && (
          <span className="muted small">
            {t('situationVersion', {
              version: current.version,
              name: nameOf(current.authorId),
              time: formatDateTime(current.createdAt, locale),
            })}
          </span>
        )}
      </header>
      {draft !== null ? (
        <div className="form">
          <textarea value={draft} onChange={(e) => setDraft(e.target.value)} rows={8} aria-label={t('situation')} autoFocus />
          {save.error && (
            <p className="error" role="alert">
              {stale ? t('situationStale') : errorText(save.error)}
            </p>
          )}
          <div className="form-actions">
            <button onClick={() => setDraft(null)}>{t('cancel')}</button>
            <button className="primary" disabled={save.isPending || !draft.trim()} onClick={() => save.mutate(draft.trim())}>
              {t('publish')}
            </button>
          </div>
        </div>
      ) : current ? (
        <MessageBody body={current.body} />
      ) : (
        <p className="muted">{t('noSituation')}</p>
      )}
      <div className="toolbar">
        {editable && draft === null && (
          <button
            className="primary"
            onClick={() => {
              save.reset();
              setDraft(current?.body ?? '');
            }}
          >
            {current ? t('updateSituation') : t('writeSituation')}
          </button>
        )}
        {(query.data?.history.length ?? 0) > 1 && (
          <button onClick={() => setShowHistory((x) => !x)} aria-expanded={showHistory}>
            <History size={16} aria-hidden /> {t('history', { count: query.data?.history.length ?? 0 })}
          </button>
        )}
      </div>
      {showHistory && (
        <ol className={styles.history}>
          {query.data?.history.map((v) => (
            <li key={v.version}>
              <p className="muted small">
                {t('situationVersion', { version: v.version, name: nameOf(v.authorId), time: formatDateTime(v.createdAt, locale) })}
              </p>
              <MessageBody body={v.body} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The headline figures, each a link to its tab. */
function Summary({ disaster, base }: { disaster: DisasterView; base: string }) {
  const t = useT(boardMessages);
  const { user } = useSession();
  const rollCall = useQuery({ queryKey: disasterKeys.rollCall(disaster.id), queryFn: () => disastersApi.rollCall(disaster.id) }).data;
  const damage = useQuery({ queryKey: disasterKeys.damageList(disaster.id, {}), queryFn: () => disastersApi.damage(disaster.id) }).data;
  const open = damage?.filter((r) => r.status !== 'done').length;
  return (
    <div className={styles.summary}>
      <Link to={`${base}/roll-call`} className={`card ${styles.figure}`}>
        <span className={styles.figureValue}>{rollCall ? `${rollCall.answered} / ${rollCall.total}` : '—'}</span>
        <span className="muted small">{t('answeredFigure')}</span>
        {rollCall && user && (
          <span className={rollCall.mine ? 'success small' : 'error small'}>
            {rollCall.mine ? t('youAnswered') : t('youHaveNotAnswered')}
          </span>
        )}
      </Link>
      <Link to={`${base}/damage`} className={`card ${styles.figure}`}>
        <span className={styles.figureValue}>{open ?? '—'}</span>
        <span className="muted small">{t('openDamage')}</span>
      </Link>
    </div>
  );
}

export function OverviewPanel({
  disaster,
  officer,
  guest,
  base,
}: {
  disaster: DisasterView;
  officer: boolean;
  guest: boolean;
  base: string;
}) {
  return (
    <div className={styles.overview}>
      <SituationReport disaster={disaster} officer={officer} />
      {!guest && <MyDuties disaster={disaster} />}
      {!guest && <Summary disaster={disaster} base={base} />}
    </div>
  );
}
