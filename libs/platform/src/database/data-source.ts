import type { Type } from '@nestjs/common';
import { Client, type Pool } from 'pg';
import { DataSource, type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';

/**
 * What a bounded context brings to the server: its Nest module, its TypeORM entities and its committed migrations.
 * Each context's index exports one; apps/server/src/contexts.ts lists them in order.
 */
export interface BoundedContext {
  name: string;
  module: Type;
  entities: Function[];
  migrations: Function[];
}

export interface SchemaParts {
  entities: MixedList<Function | string | EntitySchema>;

  migrations: MixedList<Function | string>;
}

export function dataSourceOptions(url: string, schema: SchemaParts, poolSize = 30): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: schema.entities,
    migrations: schema.migrations,
    synchronize: false,
    // All pending migrations run in one transaction: a failing one leaves the database as it was.
    migrationsTransactionMode: 'all',
    migrationsTableName: 'migrations',
    extra: {
      max: poolSize,
      // Connections are kept, never closed for being idle: a burst after a quiet spell (the first message of the
      // morning, a disaster broadcast) would otherwise open many at once, each a backend start and a SCRAM
      // exchange, and stall every request behind them (measured: issue #15, docs/benchmarks.md).
      min: poolSize,
      application_name: 'yakuba',
      // Every pooled connection keeps an 'error' listener for its whole life. The pool listens only while a
      // connection is idle and TypeORM only while a query runner holds it; an error arriving in between (PostgreSQL
      // restarting: 57P01 "terminating connection due to administrator command") was an unhandled 'error' event that
      // ended the process (found by the chaos campaign). The pool and TypeORM still see the error and drop the
      // connection; the next query gets a fresh one or `unavailable`.
      onConnect: (client: { on(event: 'error', listener: (error: Error) => void): unknown }) => {
        client.on('error', () => undefined);
      },
    },
    // Failed queries surface as errors, logged once as structured JSON by the HTTP filter or the socket ack mapper.
    logging: false,
  };
}

/** Creates the database named in `url` when it does not exist yet (embedded clusters start with only `postgres`). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, '')) || 'postgres';
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} ENCODING 'UTF8'`);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function migrate(url: string, schema: SchemaParts): Promise<string[]> {
  // Several nodes may start at once (or `npm run migrate` beside a starting node): one runs the migrations, the
  // others wait for it on this lock and then find nothing pending.
  const lock = new Client({ connectionString: url, application_name: 'yakuba-migrate' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK]);
    const ds = new DataSource(dataSourceOptions(url, schema, 2));
    await ds.initialize();
    try {
      const ran = await ds.runMigrations({ transaction: 'all' });
      return ran.map((m) => m.name);
    } finally {
      await ds.destroy();
    }
  } finally {
    await lock.end();
  }
}

/** The advisory lock key of the migrations (any constant distinct from the application's other advisory keys). */
const MIGRATION_LOCK = 7_912_061_001;

/** The node-postgres pool under a TypeORM data source (undefined before it is initialised). */
export function pgPool(db: DataSource): Pool | undefined {
  return (db.driver as unknown as { master?: Pool }).master;
}
