import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * audit_append(lock_key, entries): appends entries to the hash chain in one statement. It takes the chain's
 * transaction-scoped advisory lock, then reads the head (a VOLATILE function's next statement takes a fresh snapshot,
 * so it sees the entry the previous lock holder committed), and links each entry: id = head + 1, hash = sha256 of
 * `prev_hash || '\n' || head_text || id || tail_text` (the canonical JSON built by the server, domain/audit-chain.ts
 * payloadAroundId; the verifier recomputes it there). Holding the lock costs no round trip to the server until the
 * COMMIT, which every appender would otherwise wait for several times under load.
 */
export class AuditAppend1796061300000 implements MigrationInterface {
  name = 'AuditAppend1796061300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION audit_append(lock_key bigint, entries jsonb) RETURNS SETOF bigint LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        head_id bigint;
        prev text;
        next_hash text;
        e jsonb;
      BEGIN
        PERFORM pg_advisory_xact_lock(lock_key);
        SELECT id, hash INTO head_id, prev FROM audit_log ORDER BY id DESC LIMIT 1;
        head_id := coalesce(head_id, 0);
        prev := coalesce(prev, repeat('0', 64));
        FOR e IN SELECT value FROM jsonb_array_elements(entries) WITH ORDINALITY ORDER BY ordinality LOOP
          head_id := head_id + 1;
          next_hash := encode(sha256(convert_to(prev || E'\\n' || (e->>'head') || head_id::text || (e->>'tail'), 'UTF8')), 'hex');
          INSERT INTO audit_log (id, at, actor_id, action, target_type, target_id, ip, data, prev_hash, hash)
          VALUES (head_id, (e->>'at')::timestamptz, (e->>'actorId')::uuid, e->>'action', e->>'targetType', e->>'targetId',
                  e->>'ip', e->'data', prev, next_hash);
          prev := next_hash;
          RETURN NEXT head_id;
        END LOOP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_append(bigint, jsonb)`);
  }
}
