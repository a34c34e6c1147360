import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ANALYZE of chat_messages costs a whole core for over a second once the table holds 20,000–40,000 messages: 1.1 s
 * of its 1.5 s go to the element statistics of `search_terms` (about 40 unigrams and bigrams per message over a
 * 30,000-row sample), which the cost-based vacuum delay does not spread, as it counts pages, not CPU
 * (docs/benchmarks.md, issue #15). PostgreSQL's default re-analyses after 50 rows + 10% of the table have changed:
 * on a young table filled at 100 messages a second, once a minute, each time taking a core from the server's event
 * loop on a two-core machine. A town hall appends a few thousand messages a day, and the statistics the planner
 * needs from this table (channel, time, search terms) move slowly, so autovacuum now re-analyses it after
 * 50,000 messages + 10%. Vacuum (the GIN pending list, the visibility map) is unchanged.
 */
export class MessageAnalyzeThreshold1796200000000 implements MigrationInterface {
  name = 'MessageAnalyzeThreshold1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE chat_messages SET (autovacuum_analyze_threshold = 50000)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE chat_messages RESET (autovacuum_analyze_threshold)`);
  }
}
