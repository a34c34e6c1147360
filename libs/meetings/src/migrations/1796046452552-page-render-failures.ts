import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pages that could not be drawn within the render limits (PDF_LIMITS), remembered per document version and page:
 * the next request answers 422 at once instead of spending another renderer thread on the same page.
 */
export class PageRenderFailures1796046452552 implements MigrationInterface {
  name = 'PageRenderFailures1796046452552';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE meeting_document_page_failures (
      document_id uuid NOT NULL REFERENCES meeting_documents(id) ON DELETE CASCADE,
      page int NOT NULL CHECK (page >= 1),
      reason text NOT NULL CHECK (reason ~ '^pdf_[a-z_]{1,40}$'),
      message text NOT NULL CHECK (length(message) <= 500),
      failed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (document_id, page)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_document_page_failures`);
  }
}
