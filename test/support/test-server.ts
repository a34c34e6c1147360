import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { loadConfig, withDatabase } from '@yakuba/platform';
import { startServer, type RunningServer } from '../../apps/server/src/bootstrap';

export const DEMO_PASSWORD = 'yakuba-demo';

export interface SignedIn {
  token: string;
  cookie: string;
  user: { id: string; username: string; displayName: string; roles: string[] };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A real server (HTTP + Socket.IO) on a random port, over its own fresh database on the test cluster, seeded with
 * the demo town hall (a copy of the run's seeded template). Every test file gets one; nothing is shared between files.
 */
/** Servers of this test file still running, and starts still under way (a hook that timed out leaves its start running). */
const live = new Set<TestServer>();
const starting = new Set<Promise<unknown>>();

/**
 * Closes what a test file left running: a server whose start outlived its hook's timeout is otherwise never closed,
 * and its timers fire after jest has torn the file's environment down. Run after every file by test/support/close-servers.ts.
 */
export async function closeLeftoverServers(): Promise<void> {
  await Promise.allSettled([...starting]);
  await Promise.allSettled([...live].map((s) => s.close()));
}
(globalThis as { __closeLeftoverServers?: () => Promise<void> }).__closeLeftoverServers = closeLeftoverServers;

/**
 * Settings that change nothing the demo seed writes: a server given only these starts from a copy of the seeded
 * template. Any other setting (SEED_DEMO, TIME_ZONE, PASSWORD_CHANGE_AT_FIRST_SIGN_IN, WEB_PUSH_…) seeds its own.
 */
const RUNTIME_ONLY = new Set([
  'LOGIN_MAX_FAILURES_PER_ACCOUNT',
  'LOGIN_MAX_FAILURES_PER_ADDRESS',
  'TRUSTED_PROXIES',
  'UPLOAD_MAX_MB',
  'SESSION_IDLE_MINUTES',
  'METRICS_TOKEN',
  'LOG_LEVEL',
]);

function serverConfig(databaseUrl: string, dataDir: string, env: Record<string, string>) {
  return loadConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', JWT_SECRET: randomBytes(32).toString('hex'), PASSWORD_CHANGE_AT_FIRST_SIGN_IN: 'false', ...env });
}

/**
 * The demo town hall, seeded once per test run (about 10 s) into a template database and data directory; each
 * server then starts from a copy (CREATE DATABASE … TEMPLATE, and its files copied), as a restore would (database
 * plus files directory: docs/operations.md). The first caller in any jest worker builds it under an advisory lock;
 * the database is marked a template only once the seed has finished, so a build cut short is redone.
 */
async function seededTemplate(base: string): Promise<{ database: string; dataDir: string }> {
  const id = process.env.TEST_TEMPLATE_ID ?? 'run';
  const database = `yakuba_template_${id}`;
  const dataDir = join(tmpdir(), `yakuba-test-template-${id}`);
  const admin = new Client({ connectionString: withDatabase(base, 'postgres') });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [database]);
    const ready = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate', [database]);
    if (!ready.rowCount) {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(dataDir, { recursive: true });
      await admin.query(`CREATE DATABASE ${database}`);
      const server = await startServer(serverConfig(withDatabase(base, database), dataDir, {}), { quiet: true });
      await server.close();
      await admin.query(`ALTER DATABASE ${database} WITH IS_TEMPLATE true`);
    }
  } finally {
    await admin.end();
  }
  return { database, dataDir };
}

export class TestServer {
  private sockets: Socket[] = [];
  private closing?: Promise<void>;

  private constructor(
    readonly server: RunningServer,
    readonly databaseUrl: string,
    private readonly adminUrl: string,
    private readonly databaseName: string,
    readonly dataDir: string,
  ) {}

  /**
   * Passwords that tests set for new accounts are not forced to change at first sign-in unless the test asks for it
   * (`PASSWORD_CHANGE_AT_FIRST_SIGN_IN: 'true'`, test/security/password-policy.e2e-spec.ts), so that a test can act
   * as an account it just created.
   */
  static async start(env: Record<string, string> = {}): Promise<TestServer> {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (global setup starts PostgreSQL)');
    const name = `yakuba_test_${randomBytes(6).toString('hex')}`;
    const template = Object.keys(env).every((key) => RUNTIME_ONLY.has(key)) ? await seededTemplate(base) : undefined;
    const admin = new Client({ connectionString: withDatabase(base, 'postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template.database}` : ''}`);
    await admin.end();
    const databaseUrl = withDatabase(base, name);
    const dataDir = mkdtempSync(join(tmpdir(), 'yakuba-test-data-'));
    if (template) cpSync(template.dataDir, dataDir, { recursive: true });
    const start = startServer(serverConfig(databaseUrl, dataDir, env), { quiet: true });
    starting.add(start);
    try {
      const server = new TestServer(await start, databaseUrl, withDatabase(base, 'postgres'), name, dataDir);
      live.add(server);
      return server;
    } finally {
      starting.delete(start);
    }
  }

  get url(): string {
    return this.server.url;
  }

  async request<T = any>(method: string, path: string, options: { token?: string; cookie?: string; json?: unknown; body?: RequestInit["body"]; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.cookie) headers.cookie = options.cookie;
    let body = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const res = await fetch(`${this.url}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  async login(username: string, password = DEMO_PASSWORD): Promise<SignedIn> {
    const res = await this.request('POST', '/api/auth/login', { json: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    return { token: res.body.accessToken, cookie, user: res.body.user };
  }

  /** A connected Socket.IO client; resolves once connected, rejects with the connect_error. */
  async socket(auth: { token?: string; cookie?: string }): Promise<Socket> {
    const socket = io(this.url, {
      transports: ['websocket'],
      auth: auth.token ? { token: auth.token } : undefined,
      extraHeaders: auth.cookie ? { cookie: auth.cookie } : undefined,
      reconnection: false,
      forceNew: true,
    });
    this.sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    return socket;
  }

  async query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Idempotent: the file's own afterAll and the leftover sweep may both call it. */
  close(): Promise<void> {
    this.closing ??= this.shutDown().finally(() => live.delete(this));
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    for (const s of this.sockets) s.disconnect();
    await this.server.close();
    const admin = new Client({ connectionString: this.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${this.databaseName} WITH (FORCE)`);
    await admin.end();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Resolves with the next `event` on the socket (no sleeps: the test waits for the event itself). */
export function nextEvent<T = any>(socket: Socket, event: string, predicate: (payload: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (payload: T) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}

/** Emits with an acknowledgement and resolves with it. */
export function emitAck<T = any>(socket: Socket, event: string, payload: unknown, timeoutMs = 5000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}
