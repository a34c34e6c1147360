import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Campaigns run small inside `npm test` and at full size under `npm run test:campaigns` (CAMPAIGN=full). Each one
 * prints and stores its counts (test-results/campaigns/<name>.json) so docs/reliability.md can quote them.
 */
export const FULL = process.env.CAMPAIGN === 'full';

/** A fixed seed makes a failure reproducible: CAMPAIGN_SEED=<printed seed> npm run test:campaigns. */
export const SEED = Number(process.env.CAMPAIGN_SEED ?? 20261130);

export function size(small: number, full: number): number {
  return FULL ? full : small;
}

export function report(name: string, figures: Record<string, unknown>): void {
  const dir = join(process.cwd(), 'test-results', 'campaigns');
  mkdirSync(dir, { recursive: true });
  const body = {
    campaign: name,
    mode: FULL ? 'full' : 'small',
    seed: SEED,
    at: new Date().toISOString(),
    node: process.version,
    ...figures,
  };
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(body, null, 2)}\n`);
  process.stdout.write(`\n[campaign ${name}] ${JSON.stringify(body)}\n`);
}

/** Heap in use after a full collection when the runner exposes `gc` (test:campaigns does), else as it stands. */
export function heapUsedMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
}

/**
 * A wall-clock limit for full runs on a shared machine (`CAMPAIGN_UNTIL=2026-11-30T17:50:00Z`): a campaign loop past
 * it stops where it is and reports how many of its planned inputs it completed, so a partial run is recorded
 * precisely rather than lost. Unset (the default, and always in `npm test`), campaigns run to their full size.
 */
export const UNTIL = process.env.CAMPAIGN_UNTIL ? Date.parse(process.env.CAMPAIGN_UNTIL) : Number.POSITIVE_INFINITY;

/** `reserveMs` keeps time for what follows in the same run (a later test of the file, the checks). */
export function pastDeadline(reserveMs = 0): boolean {
  return Date.now() > UNTIL - reserveMs;
}

/** A progress line for long full runs (every `every` inputs), written straight to stdout. */
export function progress(name: string, done: number, planned: number, every: number, extra: Record<string, unknown> = {}): void {
  if (done === 0 || done % every !== 0) return;
  process.stdout.write(`[campaign ${name}] ${new Date().toISOString().slice(11, 19)} ${done}/${planned} ${JSON.stringify(extra)}\n`);
}
