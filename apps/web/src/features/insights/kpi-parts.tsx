import type { KpiUnit, KpiVerdict } from '@yakuba/contracts';
import { useLocale, useT } from '../../i18n/i18n';
import { insightsMessages } from './messages';
import styles from './insights.module.css';

/** 0.7349 → "73.5%" (one decimal: the interval's width is a few points, whole percents would hide it). */
export function formatShare(value: number | null | undefined, locale: 'ja' | 'en', digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

export function useFormatValue(): (value: number | null | undefined, unit: KpiUnit) => string {
  const t = useT(insightsMessages);
  const { locale } = useLocale();
  return (value, unit) => {
    if (value === null || value === undefined) return '—';
    const n = new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', { maximumFractionDigits: 0 }).format(value);
    switch (unit) {
      case 'share':
        return formatShare(value, locale);
      case 'count':
        return n;
      case 'hours':
      case 'minutes':
      case 'seconds':
        return t(unit, { count: Math.round(value * 10) / 10 });
    }
  };
}

export function VerdictBadge({ verdict }: { verdict: KpiVerdict }) {
  const t = useT(insightsMessages);
  const long = verdict === 'met' ? 'verdictMetLong' : verdict === 'not_met' ? 'verdictNotMetLong' : 'verdictUnclearLong';
  return (
    <span className={`${styles.verdict} ${styles[`verdict-${verdict}`]}`} title={t(long)} data-testid="verdict" data-verdict={verdict}>
      {t(verdict)}
    </span>
  );
}

const pct = (v: number) => `${Math.max(0, Math.min(100, v * 100))}%`;

/**
 * The 95% interval as a bar on a 0–100% axis, the point estimate inside it, the bounds if every non-respondent had
 * answered (dashed), and the target as a vertical line: "met" when the whole bar is right of the line.
 */
export function IntervalBar({
  share,
  interval,
  bounds,
  target,
}: {
  share: number | null;
  interval: [number, number];
  bounds?: [number, number];
  target: number;
}) {
  const t = useT(insightsMessages);
  const { locale } = useLocale();
  const f = (v: number) => formatShare(v, locale);
  return (
    <div
      className={styles.interval}
      role="img"
      aria-label={t('intervalLabel', { share: formatShare(share, locale), lo: f(interval[0]), hi: f(interval[1]), target: f(target) })}
      data-testid="interval-bar"
    >
      <div className={styles.intervalAxis} />
      {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
        <span key={tick} className={styles.intervalTick} style={{ left: pct(tick) }} aria-hidden>
          {Math.round(tick * 100)}
        </span>
      ))}
      {bounds && (
        <div className={styles.intervalBounds} style={{ left: pct(bounds[0]), width: pct(bounds[1] - bounds[0]) }} aria-hidden />
      )}
      <div className={styles.intervalBar} style={{ left: pct(interval[0]), width: pct(interval[1] - interval[0]) }} aria-hidden />
      {share !== null && <div className={styles.intervalPoint} style={{ left: pct(share) }} aria-hidden />}
      <div className={styles.intervalTarget} style={{ left: pct(target) }} aria-hidden>
        <span>{t('targetLine', { target: formatShare(target, locale, 0) })}</span>
      </div>
    </div>
  );
}
