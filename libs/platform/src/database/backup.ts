import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { copyFile, cp, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, migrate, type SchemaParts } from './data-source';

/**
 * Backup and restore of a whole installation: the database and the uploaded files, consistent with each other.
 *
 * The embedded PostgreSQL ships no pg_dump, so the database is read by our own code: every table of the public
 * schema in one REPEATABLE READ READ ONLY transaction (one snapshot: the backup is what a single instant committed),
 * each row as JSON (`row_to_json`), gzipped, one file a table; sequences with their values; the names of the
 * migrations applied. A restore builds the schema by running the same migrations, loads the rows back with
 * `json_populate_recordset` (so every value gets its column's type again: arrays, bytea, jsonb, timestamps to the
 * microsecond), sets the sequences, then runs the newer migrations of the installed release.
 *
 * Files are addressed by their SHA-256 and never changed or deleted, and a row refers to a file only after the file
 * was written: copying the files after the snapshot was taken holds every file the snapshot refers to.
 */
export const BACKUP_FORMAT = 'yakuba-backup-1';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  /** The migrations applied in the database when it was read, in order. */
  migrations: string[];
  tables: { name: string; rows: number; file: string }[];
  sequences: { name: string; value: string; called: boolean }[];
  files: number;
  /** The server's generated JWT secret was kept (sessions stay valid after a restore). */
  jwtSecret: boolean;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const BATCH = 2000;

/** Where an installation keeps what is not in the database: DATA_DIR (the generated secret) and FILES_DIR. */
export interface InstallationPaths {
  dataDir: string;
  filesDir: string;
}

/** Reads the whole database at one instant and the files after it into `outDir` (created; must not exist). */
export async function backupInstallation(databaseUrl: string, paths: InstallationPaths, outDir: string): Promise<BackupManifest> {
  if (existsSync(outDir)) throw new Error(`${outDir} exists already: a backup goes into a new folder`);
  const partial = `${outDir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(join(partial, 'db'), { recursive: true });
  const client = new Client({ connectionString: databaseUrl, application_name: 'yakuba-backup' });
  await client.connect();
  let manifest: BackupManifest;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migrations = (await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY timestamp, id')).rows.map((r) => r.name);
    const tableNames = (
      await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'migrations'
          ORDER BY c.relname`,
      )
    ).rows.map((r) => r.name);
    const tables: BackupManifest['tables'] = [];
    for (const name of tableNames) {
      const file = `db/${name}.jsonl.gz`;
      const rows = await dumpTable(client, name, join(partial, file));
      tables.push({ name, rows, file });
    }
    const sequences = (
      await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
      )
    ).rows;
    const values: BackupManifest['sequences'] = [];
    for (const { name } of sequences) {
      const [row] = (
        await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${ident(name)}`)
      ).rows;
      values.push({ name, value: row.last_value, called: row.is_called });
    }
    await client.query('COMMIT');
    // After the snapshot: every file it refers to was written before its row was committed.
    const files = await copyFiles(paths.filesDir, join(partial, 'files'));
    const secret = join(paths.dataDir, 'jwt-secret');
    const jwtSecret = existsSync(secret);
    if (jwtSecret) await copyFile(secret, join(partial, 'jwt-secret'));
    manifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), migrations, tables, sequences: values, files, jwtSecret };
    await writeFile(join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    await rm(partial, { recursive: true, force: true });
    throw error;
  } finally {
    await client.end();
  }
  // Only a complete backup gets the name asked for.
  await rename(partial, outDir);
  return manifest;
}

async function dumpTable(client: Client, table: string, path: string): Promise<number> {
  const cursor = `backup_${Math.random().toString(36).slice(2)}`;
  await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${ident(table)} t`);
  const gzip = createGzip();
  const done = pipeline(gzip, createWriteStream(path, { mode: 0o600 }));
  let rows = 0;
  for (;;) {
    const batch = (await client.query<{ j: string }>(`FETCH ${BATCH} FROM ${cursor}`)).rows;
    if (!batch.length) break;
    rows += batch.length;
    if (!gzip.write(batch.map((r) => r.j).join('\n') + '\n')) await new Promise((r) => gzip.once('drain', r));
  }
  gzip.end();
  await done;
  await client.query(`CLOSE ${cursor}`);
  return rows;
}

async function copyFiles(from: string, to: string): Promise<number> {
  if (!existsSync(from)) return 0;
  await cp(from, to, { recursive: true, filter: (source) => !source.endsWith('.tmp') });
  let count = 0;
  for (const dir of await readdir(to)) count += (await readdir(join(to, dir))).length;
  return count;
}

export async function readManifest(dir: string): Promise<BackupManifest> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`${dir} is not a Yakuba backup (${String(manifest.format)})`);
  return manifest;
}

/**
 * Restores a backup into an empty database and a data folder without files: the backup's migrations, its rows and
 * sequences in one transaction (triggers and foreign-key checks off while loading, as a restore of a consistent
 * snapshot may), its files, then the newer migrations of this release. Refuses a backup from a newer release and a
 * database that already has tables.
 */
export async function restoreInstallation(
  dir: string,
  databaseUrl: string,
  paths: InstallationPaths,
  schema: SchemaParts,
): Promise<BackupManifest> {
  const manifest = await readManifest(dir);
  const known = schemaMigrationNames(schema);
  const unknown = manifest.migrations.filter((m) => !known.includes(m));
  if (unknown.length)
    throw new Error(`the backup comes from a newer release (migrations ${unknown.join(', ')}): install that release first`);
  if (existsSync(paths.filesDir) && (await readdir(paths.filesDir)).length)
    throw new Error(`${paths.filesDir} already holds files: restore into a new DATA_DIR`);
  const client = new Client({ connectionString: databaseUrl, application_name: 'yakuba-restore' });
  await client.connect();
  try {
    const [{ n }] = (
      await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'`,
      )
    ).rows;
    if (n > 0) throw new Error('the database is not empty: restore into a new database');
  } finally {
    await client.end();
  }
  await migrate(databaseUrl, { ...schema, migrations: migrationsUpTo(schema, manifest.migrations) });
  const loader = new Client({ connectionString: databaseUrl, application_name: 'yakuba-restore' });
  await loader.connect();
  try {
    await loader.query('BEGIN');
    await loader.query("SET LOCAL session_replication_role = 'replica'");
    // The migrations wrote rows of their own (the system account, defaults): the backup's rows replace them.
    await loader.query(`TRUNCATE ${manifest.tables.map((x) => ident(x.name)).join(', ')}`);
    for (const table of manifest.tables) await loadTable(loader, table.name, join(dir, table.file), table.rows);
    for (const s of manifest.sequences)
      await loader.query('SELECT setval($1::regclass, $2::bigint, $3)', [ident(s.name), s.value, s.called]);
    await loader.query('COMMIT');
  } catch (error) {
    await loader.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await loader.end();
  }
  await mkdir(paths.dataDir, { recursive: true });
  if (existsSync(join(dir, 'files'))) await cp(join(dir, 'files'), paths.filesDir, { recursive: true });
  if (manifest.jwtSecret) await copyFile(join(dir, 'jwt-secret'), join(paths.dataDir, 'jwt-secret'));
  await migrate(databaseUrl, schema);
  return manifest;
}

async function loadTable(client: Client, table: string, path: string, expected: number): Promise<void> {
  const columns = (
    await client.query<{ name: string }>(
      `SELECT a.attname AS name FROM pg_attribute a
        WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum`,
      [ident(table)],
    )
  ).rows.map((r) => ident(r.name));
  const insert = `INSERT INTO ${ident(table)} (${columns.join(', ')}) OVERRIDING SYSTEM VALUE
    SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::${ident(table)}, $1::json)`;
  let batch: string[] = [];
  let loaded = 0;
  const flush = async () => {
    if (!batch.length) return;
    await client.query(insert, [`[${batch.join(',')}]`]);
    loaded += batch.length;
    batch = [];
  };
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    batch.push(line);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  if (loaded !== expected) throw new Error(`${table}: ${loaded} rows read, the manifest says ${expected}`);
}

function migrationName(m: unknown): string {
  if (typeof m === 'function') {
    const instance = new (m as new () => { name?: string })();
    return instance.name ?? (m as { name: string }).name;
  }
  return String(m);
}

function schemaMigrationNames(schema: SchemaParts): string[] {
  return (schema.migrations as unknown[]).map(migrationName);
}

function migrationsUpTo(schema: SchemaParts, applied: string[]): SchemaParts['migrations'] {
  return (schema.migrations as unknown[]).filter((m) => applied.includes(migrationName(m))) as SchemaParts['migrations'];
}

/** The migrations of this release not yet applied to the database (empty when up to date). */
export async function pendingMigrations(databaseUrl: string, schema: SchemaParts): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(databaseUrl, schema, 1));
  await ds.initialize();
  try {
    const [{ exists }] = (await ds.query(`SELECT to_regclass('public.migrations') IS NOT NULL AS exists`)) as { exists: boolean }[];
    const applied = exists ? ((await ds.query('SELECT name FROM migrations')) as { name: string }[]).map((r) => r.name) : [];
    return schemaMigrationNames(schema).filter((name) => !applied.includes(name));
  } finally {
    await ds.destroy();
  }
}
