import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Several nodes as one system (issue #12), run by test/operations/two-nodes.mjs as a plain Node script because it
 * owns processes a test must not share: PostgreSQL, redis-server, two built servers and Debian's nginx with
 * deploy/nginx/yakuba.conf. One node is killed with SIGKILL under chat, meeting and disaster load; before that,
 * redis-server is killed mid-traffic and started again, and the client's address is checked through nginx.
 */
describe('two nodes behind nginx, one killed, Redis restarted', () => {
  it('carries every event across nodes and loses nothing when a node dies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yakuba-two-nodes-report-'));
    const out = join(dir, 'two-nodes.json');
    const child = spawn(process.execPath, ['test/operations/two-nodes.mjs', '--clients', '10', '--messages', '1000', '--json', out], {
      cwd: join(__dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const result = JSON.parse(readFileSync(out, 'utf8')) as Record<string, any>;
    rmSync(dir, { recursive: true, force: true });
    expect({ code, failures: result.firstFailures }).toEqual({ code: 0, failures: [] });
    expect(result.checks).toEqual({
      messageAcrossNodes: true,
      presenceAcrossNodes: true,
      revokedAcrossNodes: true,
      throttleAcrossNodes: true,
      // The meeting room's panel and the presenter cache, across nodes.
      rosterAcrossNodes: true,
      presenterAcrossNodes: true,
      // The client's address behind nginx: the socket handshake and HTTP follow one rule (TRUSTED_PROXIES).
      handshakeAddressThroughProxy: true,
      forgedAddressIgnored: true,
      sessionAddressThroughProxy: true,
      socketAddressThroughProxy: true,
      // redis-server killed mid-traffic and started again on the same port.
      redisRestartNoFailure: true,
      redisRestartConverged: true,
    });
    expect(result).toMatchObject({
      acknowledged: result.sent,
      stored: result.sent,
      duplicates: 0,
      seqGaps: 0,
      clientsConverged: result.clients,
      followersExact: result.followers,
      acknowledgementsCounted: result.ackers,
      ackers: result.clients,
      leaverReportedOffline: true,
      panelBeforeKill: true,
      panelAfterKill: true,
    });
    expect(result.clientsOnKilledNode).toBeGreaterThan(0);
    expect(result.pollingClients).toBeGreaterThan(0);
    expect(output).not.toContain('Error:');
  }, 300_000);
});
