import type { KpiVerdict } from './surveys';

/**
 * Shared by surveys (results) and insights (the dashboard), and usable by the browser.
 * The figures of a KPI question, for a small staff where most people answer: the agree share x/n with its 95%
 * Wilson score interval, narrowed by the finite population correction (the population is the N people invited:
 * when everyone answers there is no sampling error left), and clamped to what is possible at all (every
 * non-respondent disagreeing or agreeing). Written here because no maintained library does Wilson with FPC.
 */
export interface KpiFigures {
  agree: number;
  n: number;
  population: number;
  share: number | null;
  interval: [number, number];
  bounds: [number, number];
  verdict: KpiVerdict;
}

export const Z95 = 1.959963984540054;

export function kpiFigures(agree: number, n: number, population: number, target: number, z = Z95): KpiFigures {
  if (!Number.isInteger(agree) || !Number.isInteger(n) || !Number.isInteger(population) || agree < 0 || n < agree) {
    throw new RangeError('agree, n and population must be whole numbers with 0 ≤ agree ≤ n');
  }
  const N = Math.max(population, n);
  const bounds: [number, number] = N === 0 ? [0, 1] : [agree / N, (agree + N - n) / N];
  if (n === 0) return { agree, n, population: N, share: null, interval: [0, 1], bounds: [0, 1], verdict: 'unclear' };
  const share = agree / n;
  const interval = wilsonFpc(agree, n, N, z);
  const clamped: [number, number] = [Math.max(interval[0], bounds[0]), Math.min(interval[1], bounds[1])];
  return { agree, n, population: N, share, interval: clamped, bounds, verdict: verdictOf(clamped, target) };
}

/**
 * Wilson score interval where the variance p(1−p)/n is multiplied by the finite population correction
 * (N−n)/(N−1), i.e. n is replaced by the effective size n·(N−1)/(N−n). n = N leaves no uncertainty.
 */
export function wilsonFpc(x: number, n: number, N: number, z = Z95): [number, number] {
  const p = x / n;
  if (n >= N || N <= 1) return [p, p];
  const nEff = (n * (N - 1)) / (N - n);
  const z2 = z * z;
  const denominator = 1 + z2 / nEff;
  const centre = (p + z2 / (2 * nEff)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / nEff + z2 / (4 * nEff * nEff));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** met: even the lower bound reaches the target; not met: even the upper bound stays below it; else unclear. */
export function verdictOf(interval: readonly [number, number], target: number): KpiVerdict {
  // A hair of tolerance so that a share that is exactly the target (n = N) is not lost to floating point.
  const epsilon = 1e-12;
  if (interval[0] + epsilon >= target) return 'met';
  if (interval[1] + epsilon < target) return 'not_met';
  return 'unclear';
}
