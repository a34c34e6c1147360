import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ensureDatabase, migrate, withDatabase } from '@yakuba/platform';
import { SCHEMA } from '../../apps/server/src/schema';

class BrokenMigration9999999999999 implements MigrationInterface {
  name = 'BrokenMigration9999999999999';
  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE half_done (id int)');
    await q.query('SELECT no_such_function()');
  }
  async down(): Promise<void> {}
}

describe('migrations', () => {
  const url = withDatabase(process.env.TEST_DATABASE_URL!, `yakuba_mig_${randomBytes(4).toString('hex')}`);
  const tables = async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const res = await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
      return res.rows.map((r: { table_name: string }) => r.table_name);
    } finally {
      await client.end();
    }
  };

  it('leave the database as it was when one of them fails', async () => {
    await ensureDatabase(url);
    await expect(migrate(url, { entities: SCHEMA.entities, migrations: [...(SCHEMA.migrations as Function[]), BrokenMigration9999999999999] })).rejects.toThrow(/no_such_function/);
    // Only TypeORM's own bookkeeping table exists (created before the transaction), and it records nothing.
    expect(await tables()).toEqual(['migrations']);
    const client = new Client({ connectionString: url });
    await client.connect();
    expect((await client.query('SELECT count(*)::int AS n FROM migrations')).rows[0].n).toBe(0);
    await client.end();
  });

  it('apply once, and a second run applies nothing', async () => {
    const first = await migrate(url, SCHEMA);
    expect(first.length).toBeGreaterThan(0);
    expect(await tables()).toEqual(expect.arrayContaining(['users', 'departments', 'audit_log', 'sessions', 'migrations']));
    expect(await migrate(url, SCHEMA)).toEqual([]);
  });

  afterAll(async () => {
    const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
    await admin.end();
  });
});
