/** GET /api/health: the database is reachable (and migrated); with REDIS_URL, whether Redis answers. */
export interface HealthView {
  status: 'ok';
  /**
   * With REDIS_URL only. "down": this node serves its own users (HTTP, chat sends, which are stored), but events of
   * other nodes reach them only once Redis is back (docs/operations.md).
   */
  redis?: 'up' | 'down';
}
