import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { CLIENT_EVENT_NAMES, type ClientEventName } from '@yakuba/contracts';
import { emitAck, nextEvent, TestServer, type SignedIn } from '../support/test-server';
import { ordinaryPdf } from '../meetings/support/pdf-fixtures';
import type { OpenApiDocument, Operation, Schema } from './support/openapi-arbitraries';
import { report } from './support/campaign';
import {
  createResourceSet,
  kindOf,
  PRIVATE_KINDS,
  STANDINGS,
  TOWN_KINDS,
  type Kind,
  type ResourceSet,
  type Standing,
} from './support/resources';
import { addContextRecords, createTownRecords, mayRead, mayWrite, type MatrixRole, type TownRecords } from './support/resources-contexts';

/**
 * The authorization matrix (issue #13, campaigns): every route of the OpenAPI document and every client→server
 * socket event × every role × a resource of one's own, of a colleague in the same department, and of another
 * department. Private records (channels, messages, attachments, meetings, documents, agenda items) carry a canary
 * word; the properties are that no one outside a record reads its canary anywhere (answers, lists, search, live
 * events) and that no one outside it changes it (no 2xx). The full table is a reviewed snapshot: a new route or a
 * changed answer shows up in review. Both the routes and the events are read at run time.
 *
 * The contexts added since (approvals, surveys, disasters, KPIs, API tokens, sessions) join in two ways: each set
 * also holds an approval with a PDF, a survey to its members, an absence and a spare session, whose readers follow
 * the contract (an approval past the draft is read by its department and by administrators; a survey by its
 * invitees and survey managers); town-wide records (a drill disaster with its urgent message, damage report, photo
 * and duties; a guest; an API token; a document type; a KPI; a survey template) are probed once per actor (`town`).
 * Two outsiders probe everything too: a guest of the disaster (which it may read) and an API token with the
 * `disasters` scope (which may declare and send urgent messages, nothing else). Writes that succeed on a record that
 * is not the caller's own are allowed only where `mayWrite` names them (managing roles, taking part in a disaster).
 */

interface Actor {
  role: MatrixRole;
  username: string;
  /** Colleague of the same department who is a member of the actor's own records. */
  colleague: string;
  session?: SignedIn;
  socket?: Socket;
  sets?: Record<Standing, ResourceSet>;
  received: string[];
}

const ACTORS: Actor[] = [
  { role: 'staff', username: 'suzuki.somu', colleague: 'takahashi.somu', received: [] },
  { role: 'admin', username: 'admin', colleague: 'takahashi.somu', received: [] },
  { role: 'disaster_officer', username: 'sato.somu', colleague: 'takahashi.somu', received: [] },
  { role: 'survey_admin', username: 'ito.kikaku', colleague: 'tanaka.kikaku', received: [] },
];
/** The outsiders: records of every set are foreign to them (the matrix probes them with the `foreign` column). */
const OUTSIDERS: Actor[] = [
  { role: 'guest', username: '', colleague: '', received: [] },
  { role: 'api_token', username: '', colleague: '', received: [] },
];
const EVERYONE = [...ACTORS, ...OUTSIDERS];
/** Where an actor stands to the records a cell names: outsiders stand outside everything. */
const standingsOf = (actor: Actor): Standing[] => (OUTSIDERS.includes(actor) ? ['foreign'] : STANDINGS);

/** Routes the matrix does not call: logging out ends the actor's own session. */
const SKIPPED = new Set(['POST /api/auth/logout']);

/** A body that passes validation where it can, so that the answer shows the access rule and not a 400. */
function plausibleBody(doc: OpenApiDocument, schema: Schema | undefined, ids: Record<Kind, string>, depth = 0): unknown {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++) s = doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')];
  if (!s || depth > 4) return {};
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'array') {
    const items = s.items;
    return [items?.format === 'uuid' || items?.type === 'string' ? ids.user : plausibleBody(doc, items, ids, depth + 1)];
  }
  if (type === 'string') return s.format === 'date-time' ? new Date(Date.now() + 86_400_000).toISOString() : 'authz probe';
  if (type === 'integer' || type === 'number') return Math.max(1, s.minimum ?? 1);
  if (type === 'boolean') return true;
  const body: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    if (!(s.required ?? []).includes(key)) continue;
    const byName: Partial<Record<string, string>> = {
      channelId: ids.channel,
      messageId: ids.message,
      meetingId: ids.meeting,
      documentId: ids.document,
      userId: ids.user,
      disasterId: ids.disaster,
      typeId: ids.approvalType,
      proxyId: ids.user,
    };
    body[key] = byName[key] ?? plausibleBody(doc, prop, ids, depth + 1);
  }
  return body;
}

describe('authorization matrix campaign', () => {
  let t: TestServer;
  let doc: OpenApiDocument;
  const sessions = new Map<string, SignedIn>();
  const login = async (username: string) => {
    if (!sessions.has(username)) sessions.set(username, await t.login(username));
    return sessions.get(username)!;
  };
  let leaks: string[] = [];
  let violations: string[] = [];
  let town: TownRecords;
  let allSets: ResourceSet[] = [];
  beforeEach(() => {
    leaks = [];
    violations = [];
  });

  beforeAll(async () => {
    t = await TestServer.start({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '10000', LOGIN_MAX_FAILURES_PER_ADDRESS: '100000' });
    doc = (await t.request<OpenApiDocument>('GET', '/api/docs-json')).body;
    // Other departments' records: one set per department the actors belong to, and one from a third department.
    const deptSets: Record<string, ResourceSet> = {
      somu: await createResourceSet(t, await login('ishikawa.somu'), [await login('ishikawa.somu'), await login('takahashi.somu')]),
      kikaku: await createResourceSet(t, await login('watanabe.kikaku'), [await login('watanabe.kikaku'), await login('tanaka.kikaku')]),
    };
    const foreign = await createResourceSet(t, await login('mori.kensetsu'), [await login('mori.kensetsu'), await login('yamada.hoken')]);
    const admin = await login('admin');
    await addContextRecords(t, deptSets.somu, [await login('ishikawa.somu'), await login('takahashi.somu')], admin);
    await addContextRecords(t, deptSets.kikaku, [await login('watanabe.kikaku'), await login('tanaka.kikaku')], admin);
    await addContextRecords(t, foreign, [await login('mori.kensetsu'), await login('yamada.hoken')], admin);
    const [{ id: kensetsu }] = await t.query<{ id: string }>(`SELECT id::text FROM departments WHERE code = 'kensetsu'`);
    town = await createTownRecords(t, await login('sato.somu'), admin, kensetsu);
    for (const actor of ACTORS) {
      actor.session = await login(actor.username);
      const own = await createResourceSet(t, actor.session, [actor.session, await login(actor.colleague)]);
      await addContextRecords(t, own, [actor.session, await login(actor.colleague)], admin);
      actor.sets = { own, dept: actor.username === 'ito.kikaku' ? deptSets.kikaku : deptSets.somu, foreign };
    }
    OUTSIDERS[0].session = town.guest;
    OUTSIDERS[1].session = {
      token: town.apiToken,
      cookie: '',
      user: { id: '', username: 'api-token', displayName: 'API token', roles: [] },
    };
    for (const outsider of OUTSIDERS) outsider.sets = { own: foreign, dept: foreign, foreign };
    allSets = [...new Set([deptSets.somu, deptSets.kikaku, foreign, ...ACTORS.map((a) => a.sets!.own)])];
    for (const set of allSets) Object.assign(set.ids, town.ids);
    for (const actor of [...ACTORS, OUTSIDERS[0]]) {
      actor.socket = await t.socket({ token: actor.session!.token });
      actor.socket.onAny((event: string, payload: unknown) => actor.received.push(`${event} ${JSON.stringify(payload)}`));
    }
  }, 600_000);
  afterAll(() => t.close());

  /**
   * Canaries the actor must never read: those of the records they are not part of, except an approval or a survey
   * that the contract lets them read. Outsiders read no set at all, and an API token not even the disaster.
   */
  const forbiddenCanaries = (actor: Actor) => {
    if (OUTSIDERS.includes(actor))
      return [
        ...allSets.flatMap((set) => [set.canary, set.contentCanary, set.approvalCanary, set.surveyCanary]),
        ...(actor.role === 'api_token' ? [town.canary] : []),
      ];
    return (['dept', 'foreign'] as const).flatMap((standing) => {
      const set = actor.sets![standing];
      return [
        set.canary,
        set.contentCanary,
        ...(mayRead('approval', actor.role, standing) ? [] : [set.approvalCanary]),
        ...(mayRead('survey', actor.role, standing) ? [] : [set.surveyCanary]),
      ];
    });
  };
  /**
   * The audit trail records what was created and by whom, names and titles included (a 監査 reader's need), never
   * contents: on its routes only content canaries count as leaks.
   */
  const isAuditTrail = (what: string) => what.startsWith('GET /api/audit');
  const checkLeak = (actor: Actor, what: string, text: string) => {
    const canaries =
      isAuditTrail(what) && !OUTSIDERS.includes(actor)
        ? [actor.sets!.dept.contentCanary, actor.sets!.foreign.contentCanary]
        : forbiddenCanaries(actor);
    for (const canary of canaries) if (text.includes(canary)) leaks.push(`${what} as ${actor.role}: ${canary} in ${text.slice(0, 120)}`);
  };

  it('answers every route × role × own/department/foreign record without a leak or a foreign write', async () => {
    const table: Record<string, Record<string, number | string>> = {};
    const pdf = await ordinaryPdf(1, 'authz probe');
    for (const [path, methods] of Object.entries(doc.paths)) {
      const params = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [lower, op] of Object.entries<Operation>(methods)) {
        const method = lower.toUpperCase();
        const key = `${method} ${path}`;
        if (SKIPPED.has(key) || !['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
        const row: Record<string, number | string> = {};
        table[key] = row;
        if (!params.length) {
          // Lists and searches: no canary of a record one is not part of, searched for by name.
          if (method !== 'GET') continue;
          const takesQuery = (op.parameters ?? []).some((p) => p.in === 'query' && p.name === 'q');
          for (const actor of EVERYONE) {
            row[actor.role] = (await t.request('GET', path, { token: actor.session!.token })).status;
            checkLeak(actor, key, JSON.stringify((await t.request('GET', path, { token: actor.session!.token })).body ?? ''));
            if (!takesQuery) continue;
            for (const canary of forbiddenCanaries(actor)) {
              const res = await t.request('GET', `${path}?q=${canary}`, { token: actor.session!.token });
              row[`${actor.role} ?q=`] = res.status;
              // A search repeats its query: the echo is not a leak, a result is.
              const answer =
                res.body && typeof res.body === 'object' && !Array.isArray(res.body)
                  ? Object.fromEntries(Object.entries(res.body).filter(([, v]) => v !== canary))
                  : res.body;
              checkLeak(actor, key, typeof answer === 'string' ? answer : JSON.stringify(answer));
            }
          }
          continue;
        }
        const kinds = params.map((p) => kindOf(path, p));
        const subject = kinds.find((k): k is Kind => k !== 'page' && k !== 'unmapped') ?? 'unmapped';
        const townWide = subject !== 'unmapped' && TOWN_KINDS.has(subject);
        for (const actor of EVERYONE) {
          for (const standing of townWide ? (['foreign'] as const) : standingsOf(actor)) {
            const cell = `${actor.role}/${townWide ? 'town' : standing}`;
            if (kinds.includes('unmapped')) {
              row[cell] = 'unmapped';
              continue;
            }
            const isWrite = method !== 'GET';
            // One's own records are read, not changed (a write could end the campaign's own fixtures); people
            // are not changed at all here (account rules have their own tests).
            if (isWrite && ((standing === 'own' && !townWide) || subject === 'user')) {
              row[cell] = '-';
              continue;
            }
            const ids =
              key === 'POST /api/disasters/{id}/close'
                ? { ...actor.sets![standing].ids, disaster: town.closeable }
                : actor.sets![standing].ids;
            let i = 0;
            const concrete = path.replace(/\{[^}]+\}/g, () => {
              const kind = kinds[i++];
              return kind === 'page' ? '1' : ids[kind as Kind];
            });
            const multipart = op.requestBody?.content?.['multipart/form-data'];
            let body: string | FormData | undefined;
            const headers: Record<string, string> = {};
            if (isWrite && multipart) {
              // The fields the route documents (a plausible request, so that access decides the answer).
              const fields = (multipart.schema as { properties?: Record<string, unknown> } | undefined)?.properties;
              const form = new FormData();
              form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'probe.pdf');
              if (!fields || 'title' in fields) form.append('title', 'authz probe');
              if (fields && 'version' in fields) form.append('version', '1');
              body = form;
            } else if (isWrite) {
              body = JSON.stringify(plausibleBody(doc, op.requestBody?.content?.['application/json']?.schema, ids));
              headers['content-type'] = 'application/json';
            }
            // Searches inside a record look for the record's own canary.
            const search =
              method === 'GET' && (op.parameters ?? []).some((p) => p.in === 'query' && p.name === 'q')
                ? `?q=${actor.sets![standing].canary}`
                : '';
            const res = await t.request(method, `${concrete}${search}`, { token: actor.session!.token, body, headers });
            row[cell] = res.status;
            if (standing !== 'own') {
              checkLeak(actor, key, typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? ''));
              const foreignWrite =
                isWrite &&
                res.status < 300 &&
                !(subject !== 'unmapped' && !PRIVATE_KINDS.has(subject) && mayWrite(actor.role, method, path, subject));
              const foreignRead = !isWrite && res.status < 300 && subject !== 'unmapped' && PRIVATE_KINDS.has(subject);
              if (foreignWrite || foreignRead)
                violations.push(`${key} as ${actor.role} on a ${townWide ? 'town' : standing} ${subject} → ${res.status}`);
            }
          }
        }
      }
    }
    report('authorization-http', {
      routes: Object.keys(table).length,
      cells: Object.values(table).reduce((n, row) => n + Object.keys(row).length, 0),
      leaks: leaks.length,
      violations: violations.length,
      firstLeaks: leaks.slice(0, 20),
      firstViolations: violations.slice(0, 20),
    });
    expect(leaks).toEqual([]);
    expect(violations).toEqual([]);
    expect(table).toMatchSnapshot();
  }, 1_800_000);

  it('answers every socket event × role × own/department/foreign record without a leak or a foreign write', async () => {
    const payloads: Partial<Record<ClientEventName, (ids: Record<Kind, string>, self: string) => unknown>> = {
      'chat:send': (ids) => ({ channelId: ids.channel, clientMsgId: randomUUID(), body: 'authz probe' }),
      'chat:sync': (ids) => ({ cursors: { [ids.channel]: 0 } }),
      'chat:read': (ids) => ({ channelId: ids.channel, seq: 1 }),
      'chat:edit': (ids) => ({ messageId: ids.message, body: 'authz probe' }),
      'chat:delete': (ids) => ({ messageId: ids.message }),
      'chat:react': (ids) => ({ messageId: ids.message, emoji: '👍', on: true }),
      'chat:pin': (ids) => ({ messageId: ids.message, pinned: true }),
      'chat:typing': (ids) => ({ channelId: ids.channel }),
      'meeting:join': (ids) => ({ meetingId: ids.meeting }),
      'meeting:leave': (ids) => ({ meetingId: ids.meeting }),
      'meeting:present': (ids) => ({ meetingId: ids.meeting, documentId: ids.document, page: 1 }),
      'meeting:handover': (ids, self) => ({ meetingId: ids.meeting, userId: self }),
      'meeting:highlight': (ids) => ({ meetingId: ids.meeting, page: 1 }),
      'meeting:follow': (ids) => ({ meetingId: ids.meeting, following: true }),
      'disaster:ack': (ids) => ({ messageId: ids.urgentMessage }),
      'disaster:delivered': (ids) => ({ messageIds: [ids.urgentMessage] }),
      'disaster:opened': (ids) => ({ messageId: ids.urgentMessage }),
      'disaster:roll-call': (ids) => ({ disasterId: ids.disaster, safety: 'safe', attendance: 'available' }),
      'disaster:watch': (ids) => ({ disasterId: ids.disaster }),
      'disaster:unwatch': (ids) => ({ disasterId: ids.disaster }),
    };
    /** Events on the town-wide disaster: every member of the town takes part (its guest too); probed once per actor. */
    const townEvents = new Set<ClientEventName>([
      'disaster:ack',
      'disaster:delivered',
      'disaster:opened',
      'disaster:roll-call',
      'disaster:watch',
      'disaster:unwatch',
    ]);
    /** Events that only read: run on one's own records too. */
    const reads = new Set<ClientEventName>(['chat:sync', 'chat:typing', 'meeting:join']);
    /** Events about the caller alone (no record): nothing to be foreign to. */
    const personal = new Set<ClientEventName>(['chat:presence', 'meeting:pointer']);
    /** Events whose success changes only the caller's own socket (leaving a room one is not in is a no-op). */
    const callerOnly = new Set<ClientEventName>(['meeting:leave']);
    const table: Record<string, Record<string, string>> = {};
    for (const event of CLIENT_EVENT_NAMES) {
      if (personal.has(event)) continue;
      const row: Record<string, string> = {};
      table[`socket ${event}`] = row;
      const build = payloads[event];
      const townWide = townEvents.has(event);
      for (const actor of [...ACTORS, OUTSIDERS[0]]) {
        for (const standing of townWide ? (['foreign'] as const) : standingsOf(actor)) {
          const cell = `${actor.role}/${townWide ? 'town' : standing}`;
          if (!build) {
            row[cell] = 'unmapped';
            continue;
          }
          if (standing === 'own' && !reads.has(event) && !townWide) {
            row[cell] = '-';
            continue;
          }
          if (!actor.socket!.connected) {
            row[cell] = 'disconnected';
            continue;
          }
          const answer = await emitAck<{ ok: boolean; error?: { code: string } }>(
            actor.socket!,
            event,
            build(actor.sets![standing].ids, actor.session!.user.id),
          );
          row[cell] = answer.ok ? 'ok' : (answer.error?.code ?? '?');
          if (standing !== 'own') {
            checkLeak(actor, `socket ${event}`, JSON.stringify(answer));
            if (answer.ok && !callerOnly.has(event) && !townWide)
              violations.push(`socket ${event} as ${actor.role} on a ${standing} record → ok`);
          }
        }
      }
    }

    // Live events: every owner writes again in their records; no actor outside them may hear of it.
    const owners = new Map<string, ResourceSet>();
    for (const actor of ACTORS)
      for (const standing of ['dept', 'foreign'] as const) owners.set(actor.sets![standing].canary, actor.sets![standing]);
    for (const set of owners.values()) {
      const ownerSocket = await t.socket({ token: set.owner.token });
      const heard = nextEvent(ownerSocket, 'chat:message', (p: { message: { body: string } }) =>
        p.message.body.includes(set.contentCanary),
      );
      const sent = await emitAck(ownerSocket, 'chat:send', {
        channelId: set.ids.channel,
        clientMsgId: randomUUID(),
        body: `続報 ${set.contentCanary}`,
      });
      expect(sent).toMatchObject({ ok: true });
      await heard;
      await t.request('POST', `/api/meetings/${set.ids.meeting}/status`, { token: set.owner.token, json: { status: 'live' } });
      ownerSocket.disconnect();
    }
    // An acknowledgement is sent after every event emitted to that socket before it: the actors have heard all.
    // (A guest may not announce presence: any answer, a refusal included, comes after the events before it.)
    for (const actor of [...ACTORS, OUTSIDERS[0]]) await emitAck(actor.socket!, 'chat:presence', { status: 'online' });
    for (const actor of [...ACTORS, OUTSIDERS[0]]) for (const line of actor.received) checkLeak(actor, 'live event', line);
    // An API token opens no socket.
    const tokenSocket = await t.socket({ token: town.apiToken }).then(
      (socket) => (socket.disconnect(), 'connected'),
      (error: unknown) => `refused (${String(error instanceof Error ? error.message : error).slice(0, 60)})`,
    );
    table['socket handshake'] = { 'api_token/foreign': tokenSocket };

    report('authorization-socket', {
      events: Object.keys(table).length,
      cells: Object.values(table).reduce((n, row) => n + Object.keys(row).length, 0),
      liveEventsHeard: [...ACTORS, OUTSIDERS[0]].reduce((n, a) => n + a.received.length, 0),
      leaks: leaks.length,
      violations: violations.length,
      firstLeaks: leaks.slice(0, 20),
      firstViolations: violations.slice(0, 20),
    });
    expect(leaks).toEqual([]);
    expect(violations).toEqual([]);
    expect(table).toMatchSnapshot();
  }, 600_000);
});
