import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The history index is append-only for DELETE too: an action row goes only with its approval (a draft never
 * submitted, deleted by its drafter, which the audit chain records as `approval.deleted`). Verification also
 * cross-checks every row against its audit entry, for a database owner who disables this trigger.
 */
export class ApprovalActionsNoDelete1796310000100 implements MigrationInterface {
  name = 'ApprovalActionsNoDelete1796310000100';

  async up(q: QueryRunner): Promise<void> {
    // Row level: the cascade from a deleted approval runs after that row is gone, and is the one delete let through.
    await q.query(`CREATE FUNCTION approval_actions_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM approvals WHERE id = OLD.approval_id) THEN
          RAISE EXCEPTION 'approval_actions is append-only';
        END IF;
        RETURN OLD;
      END $$`);
    await q.query(`CREATE TRIGGER approval_actions_no_delete BEFORE DELETE ON approval_actions
      FOR EACH ROW EXECUTE FUNCTION approval_actions_no_delete()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER approval_actions_no_delete ON approval_actions`);
    await q.query(`DROP FUNCTION approval_actions_no_delete`);
  }
}
