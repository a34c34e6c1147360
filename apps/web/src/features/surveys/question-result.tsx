import type { ChoiceCount, KpiResult, QuestionResult, ResultGroup, SurveyBreakdown } from '@yakuba/contracts';
import { useLocale, useT } from '../../i18n/i18n';
import { formatShare, IntervalBar, VerdictBadge } from '../insights/kpi-parts';
import { surveysMessages } from './messages';
import { LIKERT_VALUES, likertKey } from './question-inputs';
import { ResultBarChart } from './result-chart';
import styles from './surveys.module.css';

/** Likert counts come as "1".."5": shown 5 first, with their labels; choices in the survey's order. */
function useOrderedChoices(): (q: { type: QuestionResult['type'] }, choices: ChoiceCount[]) => { label: string; c: ChoiceCount }[] {
  const t = useT(surveysMessages);
  return (q, choices) =>
    q.type === 'likert5' || q.type === 'matrix'
      ? LIKERT_VALUES.map((v) => ({ label: t(likertKey(v)), c: choices.find((c) => c.value === String(v)) ?? { value: String(v), count: 0, share: 0 } }))
      : choices.map((c) => ({ label: c.value, c }));
}

export function Suppressed({ k }: { k: number }) {
  const t = useT(surveysMessages);
  return (
    <span className={styles.suppressed} data-testid="suppressed">
      {t('suppressed', { k })}
    </span>
  );
}

/** A bound question's KPI: agree share, x/n, n/N, the 95% interval against the target, the non-respondent bounds, the verdict. */
export function KpiBlock({ kpi }: { kpi: KpiResult }) {
  const t = useT(surveysMessages);
  const { locale } = useLocale();
  const f = (v: number | null) => formatShare(v, locale);
  return (
    <div className={styles.kpiBlock} data-testid="kpi-block">
      <div className={styles.kpiHead}>
        <strong>{t('kpiBlock')}</strong>
        <VerdictBadge verdict={kpi.verdict} />
        <span>
          {t('agreeShare')} <span className={styles.bigFigure}>{f(kpi.share)}</span>
        </span>
        <span className="muted">{t('target', { target: formatShare(kpi.target, locale, 0) })}</span>
      </div>
      <IntervalBar share={kpi.share} interval={kpi.interval} bounds={kpi.bounds} target={kpi.target} />
      <dl className={styles.kpiFacts}>
        <div>{t('agreeOfN', { x: kpi.agree, n: kpi.n })}</div>
        <div>{t('coverage', { n: kpi.n, N: kpi.population })}</div>
        <div>{t('interval', { lo: f(kpi.interval[0]), hi: f(kpi.interval[1]) })}</div>
        <div>
          {t('boundsTitle')}: {t('boundsLow', { value: f(kpi.bounds[0]) })} / {t('boundsHigh', { value: f(kpi.bounds[1]) })}
        </div>
      </dl>
      <p className="muted small" style={{ margin: 0 }}>
        {t(kpi.verdict === 'met' ? 'verdictMet' : kpi.verdict === 'not_met' ? 'verdictNotMet' : 'verdictUnclear')} ・ {t('intervalNote')}
      </p>
    </div>
  );
}

/** The question's figures for each department or position; a hidden cell says so instead of figures. */
function Breakdown({ q, groups, dimension, k }: { q: QuestionResult; groups: ResultGroup[]; dimension: SurveyBreakdown; k: number }) {
  const t = useT(surveysMessages);
  const { locale } = useLocale();
  const order = useOrderedChoices();
  const rows = groups.filter((g) => g.dimension === dimension);
  if (rows.length === 0 || q.type === 'text') return null;
  if (q.type === 'matrix') return <MatrixBreakdown q={q} rows={rows} dimension={dimension} k={k} />;
  const options = order(q, q.choices ?? []).map((o) => o.c.value);
  const optionLabels = order(q, q.choices ?? []).map((o) => o.label);
  const likert = q.type === 'likert5';
  return (
    <div className="table-wrap">
      <table className="table" aria-label={`${t('breakdown')}: ${q.text}`}>
        <thead>
          <tr>
            <th>{t(dimension === 'department' ? 'department' : 'position')}</th>
            <th className={styles.num}>{q.type === 'multi' ? t('respondents') : t('respondedCol')}</th>
            {likert ? (
              <>
                <th className={styles.num}>{t('mean')}</th>
                <th className={styles.num}>{t('agreeShareCol')}</th>
              </>
            ) : (
              optionLabels.map((label) => (
                <th key={label} className={styles.num}>
                  {label}
                </th>
              ))
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => {
            const gq = g.questions?.find((x) => x.key === q.key);
            const counts = gq?.counts ?? {};
            const n = Object.values(counts).reduce((a, b) => a + b, 0);
            const agree = gq?.agreeShare ?? (likert && n > 0 ? ((counts['4'] ?? 0) + (counts['5'] ?? 0)) / n : null);
            return (
              <tr key={`${g.dimension}:${g.value ?? ''}`} data-testid="group-row">
                <th scope="row" style={{ background: 'none', color: 'var(--text)', fontWeight: 400 }}>
                  {g.label}
                </th>
                {g.suppressed || !gq ? (
                  <td colSpan={likert ? 3 : options.length + 1}>
                    <Suppressed k={k} />
                  </td>
                ) : (
                  <>
                    {/* multi: counts add up to more than the people, so the group's respondents are shown. */}
                    <td className={styles.num}>{q.type === 'multi' ? (g.responded ?? '—') : n}</td>
                    {likert ? (
                      <>
                        <td className={styles.num}>{gq.mean?.toFixed(2) ?? '—'}</td>
                        <td className={styles.num}>{formatShare(agree, locale)}</td>
                      </>
                    ) : (
                      options.map((o) => (
                        <td key={o} className={styles.num}>
                          {counts[o] ?? 0}
                        </td>
                      ))
                    )}
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A matrix by group: each item's mean and answers; an item hidden in a group (fewer than k, or a complement) shows —. */
function MatrixBreakdown({ q, rows, dimension, k }: { q: QuestionResult; rows: ResultGroup[]; dimension: SurveyBreakdown; k: number }) {
  const t = useT(surveysMessages);
  const items = q.items ?? [];
  return (
    <div className="table-wrap">
      <table className="table" aria-label={`${t('breakdown')}: ${q.text}`}>
        <thead>
          <tr>
            <th>{t(dimension === 'department' ? 'department' : 'position')}</th>
            {items.map((item) => (
              <th key={item.key} className={styles.num}>
                {item.text}（{t('mean')}）
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => {
            const gq = g.questions?.find((x) => x.key === q.key);
            return (
              <tr key={`${g.dimension}:${g.value ?? ''}`} data-testid="group-row">
                <th scope="row" style={{ background: 'none', color: 'var(--text)', fontWeight: 400 }}>
                  {g.label}
                </th>
                {g.suppressed || !gq ? (
                  <td colSpan={Math.max(1, items.length)}>
                    <Suppressed k={k} />
                  </td>
                ) : (
                  items.map((item) => {
                    const cell = gq.items?.find((c) => c.key === item.key);
                    const n = cell?.counts ? Object.values(cell.counts).reduce((a, b) => a + b, 0) : null;
                    return (
                      <td key={item.key} className={styles.num}>
                        {n === null ? <span title={t('suppressedShort')}>—</span> : `${cell?.mean?.toFixed(2) ?? '—'}（n=${n}）`}
                      </td>
                    );
                  })
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ChoiceTable({ q, choices }: { q: QuestionResult; choices: ChoiceCount[] }) {
  const t = useT(surveysMessages);
  const { locale } = useLocale();
  const rows = useOrderedChoices()(q, choices);
  return (
    <div>
      <ResultBarChart
        labels={rows.map((r) => r.label)}
        shares={rows.map((r) => r.c.share)}
        label={`${q.text}: ${rows.map((r) => `${r.label} ${r.c.count}`).join(', ')}`}
      />
      <table className="table" aria-label={q.text}>
        <thead>
          <tr>
            <th>{t('choice')}</th>
            <th className={styles.num}>{t('count')}</th>
            <th className={styles.num}>{t('share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ label, c }) => (
            <tr key={c.value}>
              <td>{label}</td>
              <td className={styles.num}>{c.count}</td>
              <td className={styles.num}>
                {formatShare(c.share, locale)}
                <span className={styles.shareBar} style={{ width: `${Math.round(c.share * 60)}px` }} aria-hidden />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One question's results: counts, shares, chart, its KPI, and its breakdown. */
export function QuestionResultCard({
  q,
  index,
  k,
  groups,
  breakdown,
}: {
  q: QuestionResult;
  index: number;
  k: number;
  groups: ResultGroup[];
  breakdown: SurveyBreakdown | null;
}) {
  const t = useT(surveysMessages);
  const { locale } = useLocale();
  const order = useOrderedChoices();
  return (
    <article className={`card ${styles.resultCard}`} data-testid="question-result" aria-labelledby={`result-${q.key}`}>
      <h2 id={`result-${q.key}`}>
        {t('questionN', { n: index + 1 })} {q.text}
      </h2>
      <span className="muted small">{t('nQuestion', { n: q.answered })}</span>
      {q.suppressed ? (
        <Suppressed k={k} />
      ) : (
        <>
          {q.kpi && <KpiBlock kpi={q.kpi} />}
          {q.choices && q.type !== 'matrix' && <ChoiceTable q={q} choices={q.choices} />}
          {q.type === 'matrix' && q.items && (
            <div className="table-wrap">
              <table className="table" aria-label={q.text}>
                <thead>
                  <tr>
                    <th>{t('item')}</th>
                    {LIKERT_VALUES.map((v) => (
                      <th key={v} className={styles.num}>
                        {t(likertKey(v))}
                      </th>
                    ))}
                    <th className={styles.num}>{t('mean')}</th>
                  </tr>
                </thead>
                <tbody>
                  {q.items.map((item) => (
                    <tr key={item.key}>
                      <td>{item.text}</td>
                      {order({ type: 'matrix' }, item.choices).map(({ c }) => (
                        <td key={c.value} className={styles.num}>
                          {c.count}（{formatShare(c.share, locale, 0)}）
                        </td>
                      ))}
                      <td className={styles.num}>{item.mean?.toFixed(2) ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {q.type === 'likert5' && q.mean != null && (
            <span className="small">
              {t('mean')} {q.mean.toFixed(2)}
            </span>
          )}
          {q.type === 'text' &&
            (q.texts == null ? (
              <p className="muted">{t('freeTextHidden', { k })}</p>
            ) : q.texts.length === 0 ? (
              <p className="muted">{t('noFreeText')}</p>
            ) : (
              <>
                <strong className="small">{t('freeTexts', { count: q.texts.length })}</strong>
                <ul className={styles.freeTexts} data-testid="free-texts">
                  {q.texts.map((text, i) => (
                    <li key={i}>{text}</li>
                  ))}
                </ul>
              </>
            ))}
          {breakdown && <Breakdown q={q} groups={groups} dimension={breakdown} k={k} />}
        </>
      )}
    </article>
  );
}
