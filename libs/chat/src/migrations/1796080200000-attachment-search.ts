import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments become searchable as messages are: `content_text` keeps the text of an attached PDF (extracted at
 * upload, capped), `search_terms` the unigrams and bigrams of the file's name and that text under a GIN index, the
 * same scheme as `chat_messages.search_terms` (domain/search-terms.ts). Existing attachments get their name's terms
 * here; their PDFs' text is not read back (only new uploads carry it).
 */
export class AttachmentSearch1796080200000 implements MigrationInterface {
  name = 'AttachmentSearch1796080200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE chat_attachments
      ADD COLUMN content_text text NOT NULL DEFAULT '' CHECK (length(content_text) <= 200000),
      ADD COLUMN search_terms text[] NOT NULL DEFAULT '{}'`);
    // The name's terms for what is already stored: every character and every pair of neighbours, lower-cased and
    // NFKC-normalised, as indexTerms() writes them (punctuation pairs are harmless extra terms).
    await q.query(`UPDATE chat_attachments a SET search_terms = ARRAY(
        SELECT DISTINCT t FROM (
          SELECT substr(n, i, 1) AS t FROM (SELECT lower(normalize(a.name, NFKC)) AS n) x, generate_series(1, length(n)) i
          UNION SELECT substr(n, i, 2) FROM (SELECT lower(normalize(a.name, NFKC)) AS n) x, generate_series(1, length(n) - 1) i
        ) terms WHERE t ~ '^[[:alnum:]_\\u3040-\\u30ff\\u3400-\\u9fff々〆ヶー]+$')`);
    await q.query(`CREATE INDEX chat_attachments_search_idx ON chat_attachments USING gin (search_terms) WITH (fastupdate = on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX chat_attachments_search_idx`);
    await q.query(`ALTER TABLE chat_attachments DROP COLUMN content_text, DROP COLUMN search_terms`);
  }
}
