import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A counter that every write to `users` or `departments` moves on (a statement trigger, so raw SQL, imports and
 * LDAP sync count too): each node keeps the serialised staff directory and rebuilds it only when the counter has
 * moved. At thousands of accounts the directory is about a megabyte of JSON that took PostgreSQL and Node some
 * 80 ms to build per request (bench:users).
 */
export class DirectoryVersion1796090000000 implements MigrationInterface {
  name = 'DirectoryVersion1796090000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE directory_version (id boolean PRIMARY KEY DEFAULT true CHECK (id), version bigint NOT NULL)`);
    await q.query(`INSERT INTO directory_version (version) VALUES (1)`);
    await q.query(`
      CREATE FUNCTION directory_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE directory_version SET version = version + 1;
        RETURN NULL;
      END $$`);
    for (const table of ['users', 'departments']) {
      await q.query(
        `CREATE TRIGGER ${table}_directory_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
           FOR EACH STATEMENT EXECUTE FUNCTION directory_version_bump()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['users', 'departments']) await q.query(`DROP TRIGGER ${table}_directory_version ON ${table}`);
    await q.query(`DROP FUNCTION directory_version_bump()`);
    await q.query(`DROP TABLE directory_version`);
  }
}
