import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { backupInstallation, loadConfig, readManifest, restoreInstallation, withDatabase } from '@yakuba/platform';
import { startServer, type RunningServer } from '../../apps/server/src/bootstrap';
import { SCHEMA } from '../../apps/server/src/schema';
import { createMeeting, uploadPdf } from '../meetings/support/meetings-client';
import { ordinaryPdf } from '../meetings/support/pdf-fixtures';
import { TestServer } from '../support/test-server';

/**
 * `npm run backup` / `npm run restore` (issue #12): the demo town hall plus a meeting document, a private note and a
 * chat message of our own are backed up from a running server, restored into a new database and a new DATA_DIR,
 * and a server started on the restored installation serves every message, meeting document, note and approval,
 * with an intact audit chain.
 */
/** A DATA_DIR with its files in the default place. */
const at = (dataDir: string) => ({ dataDir, filesDir: join(dataDir, 'files') });

describe('backup and restore of an installation', () => {
  let t: TestServer;
  const work = mkdtempSync(join(tmpdir(), 'yakuba-backup-test-'));
  const created: string[] = [];
  let restored: RunningServer | undefined;

  beforeAll(async () => {
    t = await TestServer.start();
  });
  afterAll(async () => {
    await restored?.close();
    await t.close();
    const admin = new Client({ connectionString: withDatabase(t.databaseUrl, 'postgres') });
    await admin.connect();
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(work, { recursive: true, force: true });
  });

  async function newDatabase(): Promise<string> {
    const name = `yakuba_restore_${randomBytes(5).toString('hex')}`;
    const admin = new Client({ connectionString: withDatabase(t.databaseUrl, 'postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    created.push(name);
    return withDatabase(t.databaseUrl, name);
  }

  /** One fingerprint a table: every row as JSON, sorted, hashed (in the database). */
  async function fingerprints(url: string): Promise<Record<string, string>> {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      const tables = (
        await c.query<{ name: string }>(
          `SELECT relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND relname <> 'migrations' ORDER BY relname`,
        )
      ).rows;
      const out: Record<string, string> = {};
      for (const { name } of tables) {
        const [row] = (
          await c.query<{ n: number; h: string | null }>(
            `SELECT count(*)::int AS n, md5(string_agg(j, E'\\n' ORDER BY j)) AS h FROM (SELECT row_to_json(t)::text AS j FROM "${name}" t) s`,
          )
        ).rows;
        out[name] = `${row.n}:${row.h ?? ''}`;
      }
      return out;
    } finally {
      await c.end();
    }
  }

  it('restores every message, meeting document, note and approval into a new database and DATA_DIR', async () => {
    const organiser = await t.login('sato.somu');
    const alice = await t.login('suzuki.somu');
    const meeting = await createMeeting(t, organiser, [alice]);
    const pdf = await ordinaryPdf(2);
    const doc = (await uploadPdf(t, organiser, meeting.id, pdf)).body;
    const note = {
      strokes: [{ tool: 'pen', color: '#d0021b', width: 0.004, points: [0.1, 0.1, 0.2, 0.2] }],
      memos: [{ x: 0.5, y: 0.5, text: '予算を確認' }],
    };
    expect(
      (await t.request('PUT', `/api/meetings/${meeting.id}/documents/${doc.id}/notes/1`, { token: alice.token, json: note })).status,
    ).toBe(200);
    const [channel] = await t.query<{ id: string }>(`SELECT c.id FROM chat_channels c JOIN chat_members m ON m.channel_id = c.id
      JOIN users u ON u.id = m.user_id WHERE u.username = 'suzuki.somu' AND c.archived_at IS NULL ORDER BY c.name LIMIT 1`);
    const sent = await t.request('POST', `/api/chat/channels/${channel.id}/messages`, {
      token: alice.token,
      json: { clientMsgId: randomBytes(8).toString('hex'), body: 'バックアップ前の最後の連絡' },
    });
    expect(sent.status).toBe(201);
    const before = await fingerprints(t.databaseUrl);
    expect(Number(before.chat_messages.split(':')[0])).toBeGreaterThan(10);
    expect(Number(before.approvals.split(':')[0])).toBeGreaterThan(3);

    // Backed up while the server runs and answers.
    const out = join(work, 'backup');
    const manifest = await backupInstallation(t.databaseUrl, at(t.dataDir), out);
    expect(manifest.files).toBeGreaterThan(0);
    expect(manifest.tables.find((x) => x.name === 'meeting_notes')!.rows).toBeGreaterThan(0);
    expect(await readManifest(out)).toEqual(manifest);

    const url = await newDatabase();
    const dataDir = join(work, 'restored-data');
    await restoreInstallation(out, url, at(dataDir), SCHEMA);
    expect(await fingerprints(url)).toEqual(before);

    // A server on the restored installation: the same people, passwords, files and records.
    restored = await startServer(
      loadConfig({
        DATA_DIR: dataDir,
        DATABASE_URL: url,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'false',
        JWT_SECRET: randomBytes(32).toString('hex'),
      }),
      { quiet: true },
    );
    const call = async (method: string, path: string, token?: string, json?: unknown) => {
      const res = await fetch(`${restored!.url}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(json ? { 'content-type': 'application/json' } : {}) },
        body: json ? JSON.stringify(json) : undefined,
      });
      return {
        status: res.status,
        body: res.headers.get('content-type')?.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer()),
      };
    };
    const login = async (username: string) =>
      (await call('POST', '/api/auth/login', undefined, { username, password: 'yakuba-demo' })).body.accessToken as string;
    const aliceToken = await login('suzuki.somu');
    const notes = await call('GET', `/api/meetings/${meeting.id}/documents/${doc.id}/notes`, aliceToken);
    expect(notes.body.pages).toEqual([expect.objectContaining({ page: 1, ...note })]);
    const file = await call('GET', `/api/meetings/${meeting.id}/documents/${doc.id}/file`, aliceToken);
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body as Buffer, Buffer.from(pdf))).toBe(0);
    const history = await call('GET', `/api/chat/channels/${channel.id}/messages?limit=5`, aliceToken);
    expect(JSON.stringify(history.body)).toContain('バックアップ前の最後の連絡');
    const [approval] = await t.query<{ id: string; drafter_id: string; title: string }>(`SELECT a.id, a.drafter_id, a.title FROM approvals a
      JOIN users u ON u.id = a.drafter_id ORDER BY a.created_at LIMIT 1`);
    const [drafter] = await t.query<{ username: string }>('SELECT username FROM users WHERE id = $1', [approval.drafter_id]);
    const seen = await call('GET', `/api/approvals/${approval.id}`, await login(drafter.username));
    expect(seen.status).toBe(200);
    expect(seen.body.title).toBe(approval.title);
    const verified = await call('GET', '/api/audit/verify', await login('admin'));
    expect(verified.body).toMatchObject({ valid: true });
  });

  it('refuses a database that is not empty, a DATA_DIR with files, and a backup from a newer release', async () => {
    const out = join(work, 'backup');
    await expect(restoreInstallation(out, t.databaseUrl, at(join(work, 'other-data')), SCHEMA)).rejects.toThrow(/not empty/);
    await expect(restoreInstallation(out, await newDatabase(), at(t.dataDir), SCHEMA)).rejects.toThrow(/already holds files/);
    const older = { ...SCHEMA, migrations: (SCHEMA.migrations as unknown[]).slice(0, 3) as typeof SCHEMA.migrations };
    await expect(restoreInstallation(out, await newDatabase(), at(join(work, 'third-data')), older)).rejects.toThrow(/newer release/);
    await expect(backupInstallation(t.databaseUrl, at(t.dataDir), out)).rejects.toThrow(/exists already/);
  });
});
