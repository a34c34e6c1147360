import 'reflect-metadata';
import { resolve } from 'node:path';
import {
  backupInstallation,
  ConfigError,
  loadConfig,
  migrate,
  openDatabase,
  pendingMigrations,
  restoreInstallation,
} from '@yakuba/platform';
import { SCHEMA } from './schema';

/**
 * The operations commands, on the configuration the server reads (DATA_DIR, DATABASE_URL):
 *   migrate            apply the pending migrations (production runs it as its own step: MIGRATE_ON_START=false)
 *   migrate --check    exit 1 when migrations are pending
 *   backup [folder]    the database at one instant and the files (default: ./backups/yakuba-<time>)
 *   restore <folder>   into an empty database and a new DATA_DIR
 * `npm run migrate`, `npm run backup`, `npm run restore -- <folder>` build the server first when needed.
 */
async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const config = loadConfig();
  const say = (message: string) => process.stdout.write(`${message}\n`);
  switch (command) {
    case 'migrate': {
      const db = await openDatabase(config, { create: true });
      try {
        if (args.includes('--check')) {
          const pending = await pendingMigrations(db.url, SCHEMA);
          say(pending.length ? `${pending.length} pending: ${pending.join(', ')}` : 'up to date');
          return pending.length ? 1 : 0;
        }
        const ran = await migrate(db.url, SCHEMA);
        say(ran.length ? `applied ${ran.length}: ${ran.join(', ')}` : 'up to date: nothing to apply');
        return 0;
      } finally {
        await db.close();
      }
    }
    case 'backup': {
      const out = resolve(args[0] ?? `backups/yakuba-${new Date().toISOString().replace(/[:.]/g, '-')}`);
      const db = await openDatabase(config);
      try {
        say(`reading the database (${db.how}) and ${config.filesDir} …`);
        const m = await backupInstallation(db.url, { dataDir: config.dataDir, filesDir: config.filesDir }, out);
        const rows = m.tables.reduce((n, t) => n + t.rows, 0);
        say(`backup written to ${out}: ${m.tables.length} tables, ${rows} rows, ${m.files} files, ${m.migrations.length} migrations`);
        return 0;
      } finally {
        await db.close();
      }
    }
    case 'restore': {
      if (!args[0]) {
        say('usage: npm run restore -- <backup folder>   (into an empty database and a new DATA_DIR)');
        return 2;
      }
      const db = await openDatabase(config, { create: true });
      try {
        const m = await restoreInstallation(resolve(args[0]), db.url, { dataDir: config.dataDir, filesDir: config.filesDir }, SCHEMA);
        const rows = m.tables.reduce((n, t) => n + t.rows, 0);
        say(`restored the backup of ${m.createdAt} into ${config.dataDir} (${db.how}): ${rows} rows, ${m.files} files`);
        return 0;
      } finally {
        await db.close();
      }
    }
    default:
      say('usage: node dist/apps/server/src/cli.js migrate [--check] | backup [folder] | restore <folder>');
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
