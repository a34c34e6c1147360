const { rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async function globalTeardown() {
  const id = process.env.TEST_TEMPLATE_ID;
  if (id) rmSync(join(tmpdir(), `yakuba-test-template-${id}`), { recursive: true, force: true });
  const state = globalThis.__YAKUBA_PG__;
  if (!state) {
    // A shared DATABASE_URL: the run's template database goes too.
    if (id && process.env.TEST_DATABASE_URL) {
      const { Client } = require('pg');
      const url = new URL(process.env.TEST_DATABASE_URL);
      url.pathname = '/postgres';
      const admin = new Client({ connectionString: url.toString() });
      await admin.connect();
      await admin.query(`ALTER DATABASE yakuba_template_${id} WITH IS_TEMPLATE false`).catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS yakuba_template_${id} WITH (FORCE)`);
      await admin.end();
    }
    return;
  }
  await state.pg.stop();
  rmSync(state.dir, { recursive: true, force: true });
};
