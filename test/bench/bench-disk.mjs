// npm run bench:disk [-- --quick] [SECONDS=120 WINDOW=10 INTERVAL_MS=50 DIR=<a directory on the disk of DATA_DIR>]
// The disk's own floor for a durable commit, with nothing else running: one 8 KiB overwrite + fdatasync (a WAL page
// and its flush) every INTERVAL_MS for SECONDS, printed per WINDOW seconds and overall (p50/p95/p99/max, writes over
// 50 ms). A commit that meets a stall of the disk waits for it, in any durable server: run this before reading
// bench:chat's tail on a new machine (docs/benchmarks.md, "The disk's own stalls").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, ms, onCleanup, options, percentiles, runBenchmark, table } from './bench-lib.mjs';
import { DiskProbe } from './pg-diagnostics.mjs';

const opts = options({ SECONDS: 120, WINDOW: 10, INTERVAL_MS: 50, DIR: tmpdir() }, { SECONDS: 10, WINDOW: 5 });

async function main() {
  console.log(`bench:disk — ${machine()}`);
  const dir = mkdtempSync(join(opts.DIR, 'yakuba-disk-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  console.log(`8 KiB overwrite + fdatasync every ${opts.INTERVAL_MS} ms in ${dir} for ${opts.SECONDS} s\n`);
  const probe = new DiskProbe(dir, opts.INTERVAL_MS);
  await probe.start();
  onCleanup(() => probe.stop());
  const rows = [];
  const all = [];
  for (let at = 0; at < opts.SECONDS; at += opts.WINDOW) {
    await new Promise((r) => setTimeout(r, opts.WINDOW * 1000));
    const w = probe.window();
    all.push(w);
    rows.push([`${at}–${at + opts.WINDOW} s`, w.n, ms(w.p50), ms(w.p95), ms(w.p99), ms(w.max), w.stalls]);
    console.log(table(['window', 'writes', 'p50', 'p95', 'p99', 'max', '> 50 ms'], [rows.at(-1)]).split('\n').at(-1));
  }
  const maxes = percentiles(all.map((w) => w.max));
  const stalls = all.reduce((n, w) => n + w.stalls, 0);
  console.log('\n=== bench:disk results ===');
  console.log(table(['window', 'writes', 'p50', 'p95', 'p99', 'max', '> 50 ms'], rows));
  console.log(
    `\nlongest write per ${opts.WINDOW} s window: min ${ms(Math.min(...all.map((w) => w.max)))}, median ${ms(maxes.p50)}, max ${ms(maxes.max)}; ` +
      `${stalls} writes over 50 ms in ${all.reduce((n, w) => n + w.n, 0)}, in ${all.filter((w) => w.stalls > 0).length} of ${all.length} windows`,
  );
}

runBenchmark('bench:disk', main, (opts.SECONDS + 60) * 1000);
