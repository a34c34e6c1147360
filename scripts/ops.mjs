// npm run migrate | backup | restore: builds the server when stale (as npm start does), then runs its operations
// command (dist/apps/server/src/cli.js) with the same configuration the server reads (DATA_DIR, DATABASE_URL).
import { spawnSync } from 'node:child_process';
import { serverBuildIsStale } from './lib.mjs';

if (serverBuildIsStale()) {
  console.log('> npm run build:server');
  const built = spawnSync('npm', ['run', '--silent', 'build:server'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const run = spawnSync(process.execPath, ['dist/apps/server/src/cli.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
