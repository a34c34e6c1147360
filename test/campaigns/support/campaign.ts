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
  const body = { campaign: name, mode: FULL ? 'full' : 'small', seed: SEED, at: new Date().toISOString(), node: process.version, ...figures };
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(body, null, 2)}\n`);
  process.stdout.write(`\n[campaign ${name}] ${JSON.stringify(body)}\n`);
}

/** Heap in use after a full collection when the runner exposes `gc` (test:campaigns does), else as it stands. */
export function heapUsedMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
}
