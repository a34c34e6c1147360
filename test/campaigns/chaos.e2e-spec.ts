import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FULL, report } from './support/campaign';

/**
 * The chaos campaign (test/campaigns/chaos.mjs) in the suite: clients with outboxes keep sending while the server is
 * killed with SIGKILL, PostgreSQL restarts and a third of the clients lose their network. It runs as a plain Node
 * script because it owns processes (the built servers, their own PostgreSQL cluster, redis-server and nginx) that a
 * test must not share. `npm test` runs one node, small; at full size (CAMPAIGN=full) it runs one node and then two
 * nodes behind nginx, each node killed in turn. (The two-node failure is in `npm test` through
 * test/operations/two-nodes.e2e-spec.ts; a small two-node chaos would cost CI more than a minute.)
 */
const runs: { nodes: 1 | 2; clients: number; messages: number }[] = FULL
  ? [
      { nodes: 1, clients: 50, messages: 100_000 },
      { nodes: 2, clients: 50, messages: 100_000 },
    ]
  : [{ nodes: 1, clients: 8, messages: 1_200 }];

describe('chaos campaign', () => {
  it.each(runs)('$nodes node(s): stores every acknowledged message once, gap-free, and every client converges', async ({ nodes, clients, messages }) => {
    const dir = mkdtempSync(join(tmpdir(), 'yakuba-chaos-report-'));
    const out = join(dir, 'chaos.json');
    const child = spawn(
      process.execPath,
      ['test/campaigns/chaos.mjs', '--nodes', String(nodes), '--clients', String(clients), '--messages', String(messages), '--json', out],
      { cwd: join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    // A full run takes long: its progress lines go through to the runner's output as they come.
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
      if (FULL) process.stderr.write(chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const result = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    rmSync(dir, { recursive: true, force: true });
    report(nodes > 1 ? 'chaos-two-nodes' : 'chaos', result);
    expect({ code, failures: result.firstFailures }).toEqual({ code: 0, failures: [] });
    expect(result).toMatchObject({
      acknowledged: result.sent,
      stored: result.sent,
      duplicates: 0,
      seqGaps: 0,
      clientsConverged: clients,
      serverKills: 2 * nodes,
      pgRestarts: 1,
      internalErrors: 0,
      serverCrashes: 0,
    });
    expect(result.networkCuts).toBeGreaterThan(0);
    // Two nodes: the clients spread evenly over them (the campaign signs in again until nginx's hash does).
    expect(result.clientsPerNode).toEqual(nodes > 1 ? { 'node 1': clients / 2, 'node 2': clients / 2 } : undefined);
    expect(output).not.toContain('Error:');
  }, FULL ? 14_400_000 : 1_800_000);
});
