import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { CLIENT_EVENT_NAMES, type ClientEventName } from '@yakuba/contracts';
import { emitAck, TestServer, type SignedIn } from '../support/test-server';
import { Arbitraries, type OpenApiDocument, type Operation } from './support/openapi-arbitraries';
import { FULL, heapUsedMiB, pastDeadline, progress, report, SEED, size, UNTIL } from './support/campaign';

/**
 * Property-based fuzzing of every route of the OpenAPI document and every client→server socket event (issue #13,
 * campaigns). Inputs are generated from the document's own schemas (shaped, then broken: nulls, wrong types,
 * hostile strings, deep nesting, prototype keys, foreign and real ids) and sent as an administrator, as plain staff
 * and anonymously. Properties: no answer ≥ 500 and every 4xx in the contract's error shape; no crash; the socket
 * answers every event (never `internal_error`) and stays connected; the heap stays flat; and, checked on a sample,
 * a refused request changes no domain table. Routes and events are read at run time: new ones are fuzzed untouched.
 */

/** Tables that a refused request may legitimately write: the audit chain (403s are audited), sessions, sign-in bookkeeping. */
const BOOKKEEPING = new Set(['audit_log', 'login_attempts', 'sessions', 'migrations', 'typeorm_metadata']);
/** Logging out would end the fuzzing actor's own session; everything else is fair game. */
const SKIPPED = new Set(['POST /api/auth/logout']);
const HTTP_INPUTS = size(400, 40_000);
const SOCKET_INPUTS = size(200, 12_000);
const DIGEST_EVERY = 5;

interface Actor {
  name: 'admin' | 'staff' | 'anonymous';
  username?: string;
  session?: SignedIn;
}

/** Payloads shaped like each event's contract type (fields typed, values real, foreign or hostile). */
function socketShapes(a: Arbitraries): Partial<Record<ClientEventName, fc.Arbitrary<unknown>>> {
  const id = a.id();
  const small = fc.oneof(fc.integer({ min: -2, max: 50 }), fc.constantFrom(0, 1, 2 ** 31));
  const text = fc.oneof(a.string(), fc.string({ minLength: 1, maxLength: 200 }));
  const optional = { requiredKeys: [] as never[] };
  const meeting = { meetingId: id };
  return {
    'chat:send': fc.record({ channelId: id, clientMsgId: fc.uuid(), body: text, threadRootId: fc.option(id, { nil: undefined }), attachmentIds: fc.option(fc.array(id, { maxLength: 2 }), { nil: undefined }) }),
    'chat:sync': fc.record({ cursors: fc.dictionary(id, small, { maxKeys: 4 }), updatedSince: fc.option(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), { nil: undefined }) }),
    'chat:read': fc.record({ channelId: id, seq: small }),
    'chat:edit': fc.record({ messageId: id, body: text }),
    'chat:delete': fc.record({ messageId: id }),
    'chat:react': fc.record({ messageId: id, emoji: fc.oneof(fc.constantFrom('👍', '🙇', 'x'), a.string()), on: fc.option(fc.boolean(), { nil: undefined }) }),
    'chat:pin': fc.record({ messageId: id, pinned: fc.boolean() }),
    'chat:typing': fc.record({ channelId: id, threadRootId: fc.option(id, { nil: undefined }) }),
    'chat:presence': fc.record({ status: fc.constantFrom('online', 'away', 'offline', 'busy') }),
    'meeting:join': fc.record(meeting),
    'meeting:leave': fc.record(meeting),
    'meeting:present': fc.record({ ...meeting, documentId: id, page: small, zoom: fc.option(fc.double({ min: -1, max: 10, noNaN: true }), { nil: undefined }) }),
    'meeting:handover': fc.record({ ...meeting, userId: id }),
    'meeting:highlight': fc.record(
      { ...meeting, page: small, stroke: fc.record({ color: a.string(), points: fc.array(fc.double({ noNaN: true }), { maxLength: 40 }) }) },
      optional,
    ),
  };
}

describe('fuzzing campaign: every route and socket event', () => {
  let t: TestServer;
  const actors: Actor[] = [{ name: 'admin', username: 'admin' }, { name: 'staff', username: 'suzuki.somu' }, { name: 'anonymous' }];
  let arbitraries: Arbitraries;
  let ops: { method: string; path: string; op: Operation }[];
  let domainTables: string[];

  beforeAll(async () => {
    t = await TestServer.start({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '10000', LOGIN_MAX_FAILURES_PER_ADDRESS: '100000' });
    for (const actor of actors) if (actor.username) actor.session = await t.login(actor.username);
    const doc = (await t.request<OpenApiDocument>('GET', '/api/docs-json')).body;
    ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .filter(([method]) => !SKIPPED.has(`${method.toUpperCase()} ${path}`))
        .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
    const actorIds = new Set(actors.flatMap((a) => (a.session ? [a.session.user.id] : [])));
    const tables = await t.query<{ table_name: string; has_uuid_id: boolean }>(
      `SELECT t.table_name, EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_name = t.table_name AND c.table_schema = 'public'
                                     AND c.column_name = 'id' AND c.data_type = 'uuid') AS has_uuid_id
         FROM information_schema.tables t WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY t.table_name`,
    );
    domainTables = tables.map((r) => r.table_name).filter((name) => !BOOKKEEPING.has(name));
    const realIds: string[] = [];
    for (const { table_name } of tables.filter((r) => r.has_uuid_id && r.table_name !== 'sessions')) {
      const rows = await t.query<{ id: string }>(`SELECT id::text FROM "${table_name}" ORDER BY id LIMIT 12`);
      realIds.push(...rows.map((r) => r.id).filter((id) => !actorIds.has(id)));
    }
    arbitraries = new Arbitraries(doc, realIds);
    // A full run shares the machine with other jobs: its setup (a server seeding the demo town hall) may take longer.
  }, FULL ? 1_200_000 : 300_000);
  afterAll(() => t.close());

  /** An order-independent checksum of every domain table: equal before and after means nothing was written. */
  async function digest(): Promise<string> {
    const parts = domainTables.map((name) => `SELECT '${name}' AS t, count(*)::text AS n, coalesce(sum(hashtext(x::text)::bigint), 0)::text AS h FROM "${name}" x`);
    const rows = await t.query<{ t: string; n: string; h: string }>(parts.join(' UNION ALL '));
    return rows.map((r) => `${r.t}:${r.n}:${r.h}`).join('|');
  }

  const preview = (value: unknown) => {
    try {
      return String(JSON.stringify(value)).slice(0, 120);
    } catch {
      return '(unprintable)';
    }
  };

  async function freshSessions(): Promise<number> {
    let renewed = 0;
    for (const actor of actors) {
      if (!actor.session || !actor.username) continue;
      if ((await t.request('GET', '/api/auth/me', { token: actor.session.token })).status === 401) {
        actor.session = await t.login(actor.username);
        renewed += 1;
      }
    }
    return renewed;
  }

  it('answers every generated HTTP request below 500, in the error shape, writing nothing when it refuses', async () => {
    const requestArb = fc.constantFrom(...ops).chain(({ method, path, op }) => {
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
      const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      return fc.record({
        method: fc.constant(method),
        path: fc.constant(path),
        actor: fc.constantFrom(0, 0, 1, 1, 2),
        params: fc.tuple(...pathParams.map(() => fc.oneof({ weight: 5, arbitrary: arbitraries.id() }, { weight: 1, arbitrary: arbitraries.string() })), fc.constant(null)),
        query: fc.dictionary(
          fc.oneof(fc.constantFrom(...(queryParams.length ? queryParams.map((q) => q.name) : ['q'])), fc.constantFrom(...arbitraries.knownKeys)),
          fc.oneof(arbitraries.string(), fc.array(arbitraries.string(), { minLength: 2, maxLength: 3 })),
          { maxKeys: 4 },
        ),
        body:
          method === 'GET' || method === 'DELETE'
            ? fc.constant(undefined)
            : fc.oneof(
                { weight: 8, arbitrary: arbitraries.fromSchema(bodySchema) },
                { weight: 3, arbitrary: arbitraries.anything() },
                {
                  weight: 1,
                  arbitrary: fc
                    .constantFrom('{"a":', '[1,2', 'undefined', '\u0000', '{"__proto__":{"x":1}}', `${'['.repeat(20_000)}${']'.repeat(20_000)}`, `${'{"a":'.repeat(8_000)}1${'}'.repeat(8_000)}`)
                    .map((raw) => ({ raw })),
                },
              ),
      });
    });
    const inputs = fc.sample(requestArb, { numRuns: HTTP_INPUTS, seed: SEED });
    // Under a time limit (CAMPAIGN_UNTIL) the socket events keep their share of the time that is left.
    const socketReserveMs = Number.isFinite(UNTIL) ? Math.max(0, UNTIL - Date.now()) * (SOCKET_INPUTS / (HTTP_INPUTS + SOCKET_INPUTS)) : 0;
    const heapBefore = heapUsedMiB();
    const statuses: Record<string, number> = {};
    const failures: string[] = [];
    let digestsChecked = 0;
    let renewed = 0;
    let completed = 0;
    for (const [i, input] of inputs.entries()) {
      if (pastDeadline(socketReserveMs)) break;
      progress('fuzz-http', i, inputs.length, 2_000, { statuses, failures: failures.length, heapMiB: Math.round(process.memoryUsage().heapUsed / 1048576) });
      if (i > 0 && i % 300 === 0) renewed += await freshSessions();
      let index = 0;
      const concrete = input.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(Buffer.from(String(input.params[index++] ?? 'x')).toString()));
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries(input.query)) for (const one of [v].flat()) search.append(k, String(one));
      const actor = actors[input.actor];
      const raw = input.body && typeof input.body === 'object' && 'raw' in (input.body as object) ? String((input.body as { raw: unknown }).raw) : undefined;
      const body = input.body === undefined ? undefined : (raw ?? JSON.stringify(input.body));
      const checkWrites = i % DIGEST_EVERY === 0;
      const before = checkWrites ? await digest() : '';
      const res = await t.request(input.method, `${concrete}${search.size ? `?${search}` : ''}`, {
        token: actor.session?.token,
        body,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
      });
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const what = `${input.method} ${concrete.slice(0, 120)}${search.size ? ` ?${String(search).slice(0, 60)}` : ''} as ${actor.name} ${body?.slice(0, 80) ?? ''}`;
      if (res.status >= 500) failures.push(`${what} → ${res.status} ${preview(res.body)}`);
      else if (res.status >= 400) {
        const shaped = res.body && typeof res.body === 'object' && res.body.statusCode === res.status && typeof res.body.message === 'string';
        if (!shaped) failures.push(`${what} → ${res.status} not in the error shape: ${preview(res.body)}`);
        if (checkWrites) {
          digestsChecked += 1;
          if ((await digest()) !== before) failures.push(`${what} → ${res.status} but a domain table changed`);
        }
      }
      completed += 1;
      if (failures.length > 20) break;
    }
    const heapAfter = heapUsedMiB();
    report('fuzz-http', { inputs: completed, planned: inputs.length, operations: ops.length, statuses, failures: failures.length, refusedCheckedForWrites: digestsChecked, sessionsRenewed: renewed, heapBeforeMiB: heapBefore, heapAfterMiB: heapAfter });
    expect(failures).toEqual([]);
    expect((await t.request('GET', '/api/health')).status).toBe(200);
  }, 3_600_000);

  it('answers every generated socket event without internal_error or a dropped connection', async () => {
    const sockets: Record<'admin' | 'staff', Socket> = {
      admin: await t.socket({ token: actors[0].session!.token }),
      staff: await t.socket({ token: actors[1].session!.token }),
    };
    const shapes = socketShapes(arbitraries);
    const eventArb = fc.constantFrom(...CLIENT_EVENT_NAMES).chain((event) =>
      fc.record({
        event: fc.constant(event),
        who: fc.constantFrom<'admin' | 'staff'>('admin', 'staff'),
        payload: fc.oneof(
          // Well-shaped payloads with real and foreign ids reach the services; broken ones test the edges.
          { weight: shapes[event] ? 5 : 0, arbitrary: shapes[event] ?? fc.constant({}) },
          { weight: 3, arbitrary: arbitraries.hostileObject() },
          { weight: 2, arbitrary: arbitraries.anything() },
        ),
      }),
    );
    const inputs = fc.sample(eventArb, { numRuns: SOCKET_INPUTS, seed: SEED + 1 });
    const heapBefore = heapUsedMiB();
    const codes: Record<string, number> = {};
    const failures: string[] = [];
    let digestsChecked = 0;
    let completed = 0;
    for (const [i, input] of inputs.entries()) {
      if (pastDeadline()) break;
      progress('fuzz-socket', i, inputs.length, 1_000, { codes, failures: failures.length });
      completed += 1;
      const socket = sockets[input.who];
      const what = `${input.event} as ${input.who} ${preview(input.payload)}`;
      if (input.event === 'meeting:pointer') {
        // Volatile and unacknowledged by design: it must simply not hurt.
        socket.volatile.emit(input.event, input.payload as never);
        continue;
      }
      const checkWrites = i % DIGEST_EVERY === 0;
      const before = checkWrites ? await digest() : '';
      let answer: { ok: boolean; error?: { code: string } };
      try {
        answer = await emitAck(socket, input.event, input.payload);
      } catch (error) {
        failures.push(`${what} → no answer (${String(error)}), connected: ${socket.connected}`);
        if (!socket.connected) sockets[input.who] = await t.socket({ token: actors[input.who === 'admin' ? 0 : 1].session!.token });
        continue;
      }
      const code = answer.ok ? 'ok' : (answer.error?.code ?? 'no code');
      codes[code] = (codes[code] ?? 0) + 1;
      if (code === 'internal_error' || code === 'no code') failures.push(`${what} → ${preview(answer)}`);
      if (!answer.ok && checkWrites) {
        digestsChecked += 1;
        if ((await digest()) !== before) failures.push(`${what} → ${code} but a domain table changed`);
      }
      if (!socket.connected) failures.push(`${what} → the connection dropped`);
      if (failures.length > 20) break;
    }
    const heapAfter = heapUsedMiB();
    report('fuzz-socket', { inputs: completed, planned: inputs.length, events: CLIENT_EVENT_NAMES.length, codes, failures: failures.length, refusedCheckedForWrites: digestsChecked, heapBeforeMiB: heapBefore, heapAfterMiB: heapAfter });
    expect(failures).toEqual([]);
  }, 3_600_000);
});
