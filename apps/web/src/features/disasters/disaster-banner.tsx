import { Siren, TriangleAlert } from 'lucide-react';
import { Link } from 'react-router-dom';
import type { DisasterKind, DisasterView } from '@yakuba/contracts';
import { useT, type Translate } from '../../i18n/i18n';
import { useActiveDisasters } from './disasters-queries';
import { disastersMessages, type DisasterMessageKey } from './messages';
import styles from './disasters.module.css';

type T = Translate<DisasterMessageKey>;

export const KIND_KEYS = {
  heavy_rain: 'kindHeavyRain',
  typhoon: 'kindTyphoon',
  earthquake: 'kindEarthquake',
  tsunami: 'kindTsunami',
  fire: 'kindFire',
  other: 'kindOther',
} as const satisfies Record<DisasterKind, DisasterMessageKey>;

/** 台風・レベル3 */
export function kindAndLevel(d: Pick<DisasterView, 'kind' | 'level'>, t: T): string {
  const kind = t(KIND_KEYS[d.kind]);
  return d.level ? `${kind}・${t('levelValue', { level: d.level })}` : kind;
}

/** Drills say so in words, not only in colour. */
export function DrillBadge({ drill }: { drill: boolean }) {
  const t = useT(disastersMessages);
  return drill ? (
    <span className={styles.drillBadge} data-testid="drill-badge">
      {t('drill')}
    </span>
  ) : null;
}

/** One line per active disaster on every page (red for a disaster, striped and labelled 訓練 for a drill). */
export function DisasterBanner() {
  const t = useT(disastersMessages);
  const active = useActiveDisasters();
  // The shell's grid keeps a row for the banners: an empty one holds its place.
  if (!active.length) return <div className={styles.banners} />;
  return (
    <div className={styles.banners} role="region" aria-label={t('bannerLabel')} aria-live="polite" data-testid="disaster-banners">
      {active.map((d) => (
        <Link
          key={d.id}
          to={`/disasters/${d.id}`}
          className={`${styles.banner} ${d.drill ? styles.bannerDrill : styles.bannerDisaster}`}
          data-testid="disaster-banner"
          data-drill={d.drill}
        >
          {d.drill ? <TriangleAlert size={18} aria-hidden /> : <Siren size={18} aria-hidden />}
          <strong className={styles.bannerState}>{d.drill ? t('bannerDrill') : t('bannerDisaster')}</strong>
          <span className={styles.bannerTitle}>{d.title}</span>
          <span className={styles.bannerKind}>{kindAndLevel(d, t)}</span>
          <span className={styles.bannerOpen}>{t('bannerOpen')} →</span>
        </Link>
      ))}
    </div>
  );
}
