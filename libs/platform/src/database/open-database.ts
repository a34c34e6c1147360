import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { ensureDatabase, withDatabase } from './data-source';
import { EMBEDDED_PASSWORD, startEmbeddedPostgres } from './embedded-postgres';

export interface OpenDatabase {
  /** The application's database (DATABASE_URL, or `yakuba` on the embedded cluster). */
  url: string;
  /** How it was reached, for the operator's log. */
  how: 'DATABASE_URL' | 'embedded (running)' | 'embedded (started)';
  /** Stops the embedded cluster when this call started it; nothing otherwise. */
  close(): Promise<void>;
}

/**
 * The database of an installation, for the operations commands (migrate, backup, restore): DATABASE_URL when set;
 * else the embedded cluster under DATA_DIR, reached on the port of the server that runs it (postmaster.pid) or
 * started for the command and stopped after it.
 */
export async function openDatabase(config: AppConfig, options: { create?: boolean } = {}): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    if (options.create) await ensureDatabase(config.databaseUrl);
    return { url: config.databaseUrl, how: 'DATABASE_URL', close: async () => undefined };
  }
  const dir = join(config.dataDir, 'pg');
  const port = runningPort(dir);
  if (port) {
    const url = `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/yakuba`;
    if (options.create) await ensureDatabase(url);
    return { url, how: 'embedded (running)', close: async () => undefined };
  }
  if (!options.create && !existsSync(join(dir, 'PG_VERSION'))) throw new Error(`no database under ${config.dataDir}: nothing to read`);
  const embedded = await startEmbeddedPostgres({ dir, port: config.embeddedPgPort, settings: config.embeddedPgSettings });
  const url = withDatabase(embedded.url, 'yakuba');
  await ensureDatabase(url);
  return { url, how: 'embedded (started)', close: () => embedded.stop() };
}

/** The port of the PostgreSQL running on `dir` (its postmaster.pid: line 1 the pid, line 4 the port), if any. */
function runningPort(dir: string): number | undefined {
  const file = join(dir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const [pid, , , port] = readFileSync(file, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
  } catch (error) {
    // EPERM: it runs as another user (postgres, when we are root): alive.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return Number(port) || undefined;
}
