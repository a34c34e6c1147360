import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ldapts';

export const LDAP_SUFFIX = 'dc=town,dc=example';
export const LDAP_ROOT_DN = `cn=admin,${LDAP_SUFFIX}`;
export const LDAP_ROOT_PASSWORD = 'root-secret';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Resolves once something accepts TCP connections on the port (slapd announces nothing else we can wait for). */
async function listening(port: number, child: ChildProcess, deadlineMs = 15_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`slapd exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`slapd did not listen on ${port} within ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A real OpenLDAP server (Debian `slapd`) for one test file: a temporary slapd.conf and MDB database in a temp
 * directory, listening on a free port of 127.0.0.1, run in the foreground (`-d 0`) as the current user so that
 * stopping the child stops it. `.ci/run` installs slapd when it is missing.
 */
export class Slapd {
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `ldap://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<Slapd> {
    const binary = ['/usr/sbin/slapd', '/usr/local/sbin/slapd'].find((p) => existsSync(p));
    if (!binary) throw new Error('slapd is not installed: apt-get install slapd (see .ci/run)');
    const dir = mkdtempSync(join(tmpdir(), 'yakuba-slapd-'));
    mkdirSync(join(dir, 'db'));
    const schema = '/etc/ldap/schema';
    writeFileSync(
      join(dir, 'slapd.conf'),
      [
        `include ${schema}/core.schema`,
        `include ${schema}/cosine.schema`,
        `include ${schema}/inetorgperson.schema`,
        `include ${schema}/nis.schema`,
        `pidfile ${join(dir, 'slapd.pid')}`,
        'modulepath /usr/lib/ldap',
        'moduleload back_mdb',
        'database mdb',
        `suffix "${LDAP_SUFFIX}"`,
        `rootdn "${LDAP_ROOT_DN}"`,
        `rootpw ${LDAP_ROOT_PASSWORD}`,
        `directory ${join(dir, 'db')}`,
        'maxsize 10485760',
        '',
      ].join('\n'),
    );
    const port = await freePort();
    const child = spawn(binary, ['-f', join(dir, 'slapd.conf'), '-h', `ldap://127.0.0.1:${port}/`, '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      await listening(port, child);
    } catch (error) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`${(error as Error).message}\n${stderr}`, { cause: error });
    }
    return new Slapd(child, dir, port);
  }

  /** A client bound as the directory's root (to load and change entries). */
  async admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ url: this.url });
    try {
      await client.bind(LDAP_ROOT_DN, LDAP_ROOT_PASSWORD);
      return await work(client);
    } finally {
      await client.unbind();
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
