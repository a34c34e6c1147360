// npm run test:browser: builds the web client when it is missing or older than its sources, checks Chromium, runs jest.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath, webBuildIsStale } from '../../scripts/lib.mjs';

const executable = chromiumPath();
if (!executable) {
  const message = 'Chromium was not found (install the Debian package `chromium`, or set CHROMIUM_PATH).';
  if (process.env.CI) {
    console.error(`${message} CI requires the browser tests: failing.`);
    process.exit(1);
  }
  console.error(`${message} Browser tests cannot run.`);
  process.exit(1);
}
if (webBuildIsStale()) {
  const build = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (!existsSync('apps/web/dist/index.html')) process.exit(1);
const result = spawnSync('npx', ['jest', '-c', 'jest.browser.config.cjs', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: executable },
});
process.exit(result.status ?? 1);
