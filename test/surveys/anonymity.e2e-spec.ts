import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { TestServer, type SignedIn } from '../support/test-server';
import { newSecret, openSurvey } from './survey-client';

/**
 * Anonymity against administrators and the database: after several people answer an anonymous survey, nothing in
 * the schema, the stored rows, their order, the audit log or the server's logs leads from an answer to a person.
 */
describe('surveys: anonymity', () => {
  let t: TestServer;
  let admin: SignedIn;
  let staff: SignedIn[];
  const logs: string[] = [];
  const capture = (chunk: unknown) => logs.push(Buffer.isBuffer(chunk) ? chunk.toString() : String(chunk));
  const names = [
    'suzuki.somu',
    'takahashi.somu',
    'ishikawa.somu',
    'tanaka.kikaku',
    'watanabe.kikaku',
    'yamamoto.chomin',
    'nakamura.chomin',
    'kobayashi.chomin',
  ];
  let surveyId: string;
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    // Everything the server process writes to stdout/stderr (pino writes through fs.write on fd 1).
    const write = fs.write;
    const writeSync = fs.writeSync;
    jest.spyOn(fs, 'write').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
      if (fd !== 1 && fd !== 2) return (write as (...a: unknown[]) => unknown)(fd, data, ...rest);
      capture(data);
      const done = rest.find((r) => typeof r === 'function') as ((e: null, n: number) => void) | undefined;
      done?.(null, Buffer.byteLength(data as string));
    }) as never);
    jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
      if (fd !== 1 && fd !== 2) return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
      capture(data);
      return Buffer.byteLength(data as string);
    }) as never);
    jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown) => (capture(chunk), true)) as never);
    t = await TestServer.start({ LOG_LEVEL: 'debug', SEED_DEMO: 'true' });
    admin = await t.login('admin');
    staff = [];
    for (const n of names) staff.push(await t.login(n));
    const survey = await openSurvey(t, admin.token, {
      audience: { userIds: staff.map((s) => s.user.id) },
      allowEdit: true,
      threshold: 3,
    });
    surveyId = survey.id;
    // Answer one after the other, in a known order, each with a recognisable text.
    for (const [i, s] of staff.entries()) {
      const secret = newSecret();
      secrets.set(s.user.id, secret);
      const res = await t.request('POST', `/api/surveys/${surveyId}/responses`, {
        token: s.token,
        json: { answers: { q1: 1 + (i % 5), q2: '毎日', q3: `answer-of-${i}` }, editSecret: secret },
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
    jest.restoreAllMocks();
  });

  it('the answers table has no person key, no time column, and only random (v4) ids', async () => {
    const columns = await t.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'survey_responses' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'survey_id', 'department_id', 'position', 'answers', 'edit_hash']);
    expect(columns.filter((c) => /time|date|interval/.test(c.data_type))).toEqual([]);
    const fks = await t.query<{ target: string }>(
      `SELECT confrelid::regclass::text AS target FROM pg_constraint WHERE conrelid = 'survey_responses'::regclass AND contype = 'f' ORDER BY 1`,
    );
    expect(fks.map((f) => f.target)).toEqual(['departments', 'surveys']);
    // Nothing in the participation table points at a response either.
    const participation = await t.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'survey_participants'`,
    );
    expect(participation.map((c) => c.column_name).sort()).toEqual(['answered', 'department_id', 'position', 'survey_id', 'user_id']);
    const ids = await t.query<{ id: string }>('SELECT id::text FROM survey_responses WHERE survey_id = $1', [surveyId]);
    expect(ids).toHaveLength(names.length);
    for (const { id } of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The frozen copy an open survey's figures come from: no person, no time, no id or edit hash per answer.
    const frozen = await t.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'survey_result_snapshots' ORDER BY ordinal_position`,
    );
    expect(frozen.map((c) => c.column_name)).toEqual(['survey_id', 'responded', 'responses']);
    const [copy] = await t.query<{ responses: Record<string, unknown>[] }>(
      'SELECT responses FROM survey_result_snapshots WHERE survey_id = $1',
      [surveyId],
    );
    for (const r of copy?.responses ?? []) expect(Object.keys(r).sort()).toEqual(['answers', 'department', 'position']);
    // An anonymous survey records no author at all, and the database refuses one.
    expect(await t.query('SELECT * FROM survey_response_authors WHERE survey_id = $1', [surveyId])).toEqual([]);
    await expect(
      t.query('INSERT INTO survey_response_authors (response_id, survey_id, user_id) VALUES ($1, $2, $3)', [
        ids[0].id,
        surveyId,
        staff[0].user.id,
      ]),
    ).rejects.toThrow(/anonymous survey records no author/);
  });

  it('neither xmin nor the physical order of the rows follows the order people answered in', async () => {
    const rows = await t.query<{ xmin: string; ctid: string; text: string }>(
      `SELECT xmin::text, ctid::text, answers->>'q3' AS text FROM survey_responses WHERE survey_id = $1 ORDER BY ctid`,
      [surveyId],
    );
    // Every row was rewritten by the last write: one transaction id for all, shared by nobody's participation alone.
    expect(new Set(rows.map((r) => r.xmin)).size).toBe(1);
    const participation = await t.query<{ xmin: string }>('SELECT xmin::text FROM survey_participants WHERE survey_id = $1', [surveyId]);
    expect(participation.filter((p) => p.xmin === rows[0].xmin).length).toBeLessThanOrEqual(1);
    // The physical order is a fresh random permutation (the chance that it is the answering order is 1 / 8!).
    const order = rows.map((r) => Number(r.text.replace('answer-of-', '')));
    expect(order).not.toEqual([...order].sort((a, b) => a - b));
    // And the ids carry no order either: a later write gives every row a new id.
    const before = new Set(
      (await t.query<{ id: string }>('SELECT id::text FROM survey_responses WHERE survey_id = $1', [surveyId])).map((r) => r.id),
    );
    const edit = await t.request('PUT', `/api/surveys/${surveyId}/responses/mine`, {
      token: staff[0].token,
      json: { answers: { q1: 5, q2: '毎日', q3: 'answer-of-0' }, editSecret: secrets.get(staff[0].user.id) },
    });
    expect(edit.status).toBe(200);
    const after = (await t.query<{ id: string }>('SELECT id::text FROM survey_responses WHERE survey_id = $1', [surveyId])).map(
      (r) => r.id,
    );
    expect(after.filter((id) => before.has(id))).toEqual([]);
  });

  it('the edit secret: only its hash bound to the survey is stored; the secret itself is nowhere in the database', async () => {
    const secret = secrets.get(staff[1].user.id)!;
    const hash = createHash('sha256').update(`${surveyId}:${secret}`).digest('hex');
    const stored = await t.query<{ h: string }>(`SELECT encode(edit_hash, 'hex') AS h FROM survey_responses WHERE survey_id = $1`, [
      surveyId,
    ]);
    expect(stored.map((s) => s.h)).toContain(hash);
    const tables = await t.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`);
    for (const { t: table } of tables) {
      const [{ n }] = await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" x WHERE to_jsonb(x)::text LIKE $1`, [
        `%${secret}%`,
      ]);
      expect({ table, n }).toEqual({ table, n: 0 });
    }
    // Another person's secret finds nothing for me; my own finds my answers.
    const wrong = await t.request('POST', `/api/surveys/${surveyId}/responses/mine`, {
      token: staff[1].token,
      json: { editSecret: secrets.get(staff[2].user.id) },
    });
    expect(wrong.body.answers?.q3).not.toBe('answer-of-1');
    const mine = await t.request('POST', `/api/surveys/${surveyId}/responses/mine`, {
      token: staff[1].token,
      json: { editSecret: secret },
    });
    expect(mine.status).toBe(200);
    expect(mine.body.answers.q3).toBe('answer-of-1');
  });

  it('nothing in the audit log or the server logs names a respondent or an answer', async () => {
    const audit = await t.query<{ action: string; actor_id: string | null; data: unknown }>('SELECT action, actor_id, data FROM audit_log');
    const respondentIds = new Set(staff.map((s) => s.user.id));
    expect(audit.filter((a) => a.actor_id && respondentIds.has(a.actor_id) && a.action.startsWith('survey'))).toEqual([]);
    expect(audit.filter((a) => JSON.stringify(a.data).includes('answer-of-'))).toEqual([]);
    const text = logs.join('');
    expect(text.length).toBeGreaterThan(0); // the request log was captured
    expect(text).toContain('/responses');
    for (const s of staff) {
      expect(text).not.toContain(s.user.id);
      expect(text).not.toContain(s.user.username);
    }
    expect(text).not.toContain('answer-of-');
    for (const secret of secrets.values()) expect(text).not.toContain(secret);
  });

  it('a named survey says so and records its authors', async () => {
    const named = await openSurvey(t, admin.token, { anonymous: false, audience: { userIds: [staff[0].user.id] } });
    const form = await t.request('GET', `/api/surveys/${named.id}/form`, { token: staff[0].token });
    expect(form.body.anonymous).toBe(false);
    expect(
      (await t.request('POST', `/api/surveys/${named.id}/responses`, { token: staff[0].token, json: { answers: { q1: 4 } } })).status,
    ).toBe(201);
    expect(await t.query('SELECT user_id FROM survey_response_authors WHERE survey_id = $1', [named.id])).toEqual([
      { user_id: staff[0].user.id },
    ]);
  });
});
