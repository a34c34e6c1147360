// npm run migrate | backup | restore: builds the server when stale (as npm start does), then runs its operations
// command (dist/apps/server/src/cli.js) with the same configuration the server reads (DATA_DIR, DATABASE_URL).
import { spawnSync } from 'node:child_process';
import { buildServerIfStale } from './lib.mjs';

await buildServerIfStale().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
const run = spawnSync(process.execPath, ['dist/apps/server/src/cli.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
