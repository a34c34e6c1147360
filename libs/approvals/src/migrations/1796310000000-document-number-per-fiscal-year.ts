import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 文書番号 restart every fiscal year (1 April) per department, so 住総第1号 exists once per year: the number is
 * unique together with the fiscal year of the decision, not on its own (a department's first decision of a new
 * year would otherwise collide with last year's 第1号). Every decided row has its fiscal year (back-filled from the
 * decision time in Tokyo), and the decided-row lock covers it too.
 */
export class DocumentNumberPerFiscalYear1796310000000 implements MigrationInterface {
  name = 'DocumentNumberPerFiscalYear1796310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE approvals DISABLE TRIGGER approvals_lock`);
    await q.query(`UPDATE approvals SET decided_fiscal_year = (extract(year FROM decided_at AT TIME ZONE 'Asia/Tokyo')
        - CASE WHEN extract(month FROM decided_at AT TIME ZONE 'Asia/Tokyo') < 4 THEN 1 ELSE 0 END)::int
      WHERE decided_at IS NOT NULL AND decided_fiscal_year IS NULL`);
    await q.query(`ALTER TABLE approvals ENABLE TRIGGER approvals_lock`);
    await q.query(`ALTER TABLE approvals DROP CONSTRAINT approvals_document_number_key`);
    await q.query(`ALTER TABLE approvals ADD CONSTRAINT approvals_document_number_fy_key UNIQUE (decided_fiscal_year, document_number)`);
    await q.query(
      `ALTER TABLE approvals ADD CONSTRAINT approvals_decided_fiscal_year_check CHECK ((status = 'decided') = (decided_fiscal_year IS NOT NULL))`,
    );
    await q.query(lockFunction(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(lockFunction(false));
    await q.query(`ALTER TABLE approvals DROP CONSTRAINT approvals_decided_fiscal_year_check`);
    await q.query(`ALTER TABLE approvals DROP CONSTRAINT approvals_document_number_fy_key`);
    await q.query(`ALTER TABLE approvals ADD CONSTRAINT approvals_document_number_key UNIQUE (document_number)`);
  }
}

/** The decided-row lock of the schema migration, with the fiscal year of the decision among the locked columns. */
function lockFunction(withFiscalYear: boolean): string {
  return `CREATE OR REPLACE FUNCTION approvals_locked_after_decision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'decided' AND (NEW.status <> 'decided' OR NEW.document_number IS DISTINCT FROM OLD.document_number
          OR NEW.title IS DISTINCT FROM OLD.title OR NEW.body IS DISTINCT FROM OLD.body OR NEW.amount IS DISTINCT FROM OLD.amount
          OR NEW.decided_at IS DISTINCT FROM OLD.decided_at OR NEW.stated_decision_date IS DISTINCT FROM OLD.stated_decision_date${
            withFiscalYear ? `\n          OR NEW.decided_fiscal_year IS DISTINCT FROM OLD.decided_fiscal_year` : ''
          }) THEN
          RAISE EXCEPTION 'a decided approval is locked';
        END IF;
        RETURN NEW;
      END $$`;
}
