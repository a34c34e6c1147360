import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FULL, report } from './support/campaign';

/**
 * The chaos campaign (test/campaigns/chaos.mjs) in the suite: clients with outboxes keep sending while the server is
 * killed with SIGKILL twice, PostgreSQL restarts and a third of the clients lose their network. It runs as a plain
 * Node script because it owns processes (the built server, its own PostgreSQL cluster) that a test must not share.
 */
describe('chaos campaign', () => {
  it('stores every acknowledged message once, gap-free, and every client converges', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yakuba-chaos-report-'));
    const out = join(dir, 'chaos.json');
    const [clients, messages] = FULL ? ['50', '100000'] : ['8', '1200'];
    const child = spawn(process.execPath, ['test/campaigns/chaos.mjs', '--clients', clients, '--messages', messages, '--json', out], {
      cwd: join(__dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
    report('chaos', result);
    expect({ code, failures: result.firstFailures }).toEqual({ code: 0, failures: [] });
    expect(result).toMatchObject({ acknowledged: result.sent, stored: result.sent, clientsConverged: Number(clients), serverKills: 2, pgRestarts: 1, internalErrors: 0 });
    expect(result.networkCuts).toBeGreaterThan(0);
    expect(output).not.toContain('Error:');
  }, FULL ? 14_400_000 : 1_800_000);
});
