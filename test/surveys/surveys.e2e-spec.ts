import { kpiFigures } from '@yakuba/contracts';
import { TestServer, nextEvent, type SignedIn } from '../support/test-server';
import { basicQuestions, createSurvey, inDays, newSecret, openSurvey } from './survey-client';

describe('surveys: builder, answering, results', () => {
  let t: TestServer;
  let admin: SignedIn;
  let surveyAdmin: SignedIn;
  let staff: SignedIn;
  let other: SignedIn;

  beforeAll(async () => {
    t = await TestServer.start();
    [admin, surveyAdmin, staff, other] = await Promise.all(['admin', 'ito.kikaku', 'takahashi.somu', 'kato.zeimu'].map((u) => t.login(u)));
  });
  afterAll(() => t.close());

  it('the demo has the DX survey as three waves: two closed with answers, one open to answer', async () => {
    const list = await t.request('GET', '/api/surveys', { token: surveyAdmin.token });
    expect(list.status).toBe(200);
    const dx = list.body.filter((s: { kpiKeys: string[] }) => s.kpiKeys.includes('workload_reduced'));
    expect(dx.map((s: { status: string; wave: number }) => [s.wave, s.status]).sort()).toEqual([
      [1, 'closed'],
      [2, 'closed'],
      [3, 'open'],
    ]);
    expect(dx.every((s: { seriesId: string }) => s.seriesId === dx[0].seriesId)).toBe(true);
    for (const wave of dx.filter((s: { status: string }) => s.status === 'closed')) expect(wave.responded).toBeGreaterThan(15);
    const mine = await t.request('GET', '/api/surveys/mine', { token: admin.token });
    expect(mine.body).toEqual([expect.objectContaining({ title: expect.stringContaining('DX推進'), answered: false, anonymous: true })]);
  });

  it('only admins and survey admins build surveys (403 otherwise); bad drafts are 400 and store nothing', async () => {
    const body = { title: 'x', anonymous: true, audience: { all: true }, closesAt: inDays(3), questions: basicQuestions };
    expect((await t.request('POST', '/api/surveys', { token: staff.token, json: body })).status).toBe(403);
    expect((await t.request('GET', '/api/surveys', { token: staff.token })).status).toBe(403);
    const before = await t.query('SELECT count(*)::int AS n FROM surveys');
    for (const bad of [
      { ...body, questions: [] },
      { ...body, audience: { all: true, userIds: [staff.user.id] } },
      { ...body, closesAt: 'tomorrow' },
      { ...body, threshold: 2 },
      { ...body, questions: [{ key: 'a', type: 'text', text: 'A', kpi: { target: 0.7 } }] },
      { ...body, questions: [{ key: 'a', type: 'likert5', text: 'A', showIf: { questionKey: 'zz', anyOf: [1] } }] },
      { ...body, audience: { userIds: ['00000000-0000-4000-8000-000000000000'] } },
    ]) {
      const res = await t.request('POST', '/api/surveys', { token: surveyAdmin.token, json: bad });
      expect(res.status).toBe(400);
    }
    expect(await t.query('SELECT count(*)::int AS n FROM surveys')).toEqual(before);
  });

  it('the DX template: two KPI questions bound with target 0.7 and the top two boxes; duplicate makes the next wave', async () => {
    const templates = await t.request('GET', '/api/surveys/templates', { token: surveyAdmin.token });
    expect(templates.body[0].key).toBe('dx_perception');
    const draft = await t.request('POST', '/api/surveys/templates/dx_perception', {
      token: surveyAdmin.token,
      json: { title: '意識調査' },
    });
    expect(draft.status).toBe(201);
    expect(draft.body.questions.filter((q: { kpi?: unknown }) => q.kpi).map((q: { kpi: unknown }) => q.kpi)).toEqual([
      { key: 'workload_reduced', target: 0.7, agree: [4, 5] },
      { key: 'chat_information_improved', target: 0.7, agree: [4, 5] },
    ]);
    const preview = await t.request('GET', `/api/surveys/${draft.body.id}/preview`, { token: surveyAdmin.token });
    expect(preview.body).toMatchObject({ preview: true, anonymous: true, answered: false });
    const updated = await t.request('PUT', `/api/surveys/${draft.body.id}`, {
      token: surveyAdmin.token,
      json: {
        title: '意識調査（改）',
        anonymous: true,
        audience: { all: true },
        closesAt: inDays(5),
        questions: draft.body.questions,
        sections: draft.body.sections,
        version: draft.body.version,
      },
    });
    expect(updated.status).toBe(200);
    const stale = await t.request('PUT', `/api/surveys/${draft.body.id}`, {
      token: surveyAdmin.token,
      json: {
        title: 'x',
        anonymous: true,
        audience: { all: true },
        closesAt: inDays(5),
        questions: basicQuestions,
        version: draft.body.version,
      },
    });
    expect(stale.status).toBe(409);
    const next = await t.request('POST', `/api/surveys/${draft.body.id}/duplicate`, { token: surveyAdmin.token, json: {} });
    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({ seriesId: draft.body.seriesId, wave: 2, status: 'draft' });
    expect((await t.request('DELETE', `/api/surveys/${next.body.id}`, { token: surveyAdmin.token })).status).toBe(204);
  });

  it('answering: once (409 again), invited only (404), not after close (409), bad answers 400', async () => {
    const s = await openSurvey(t, surveyAdmin.token, { audience: { userIds: [staff.user.id, admin.user.id] } });
    expect(s.invited).toBe(2);
    const answer = (who: SignedIn, answers: unknown) =>
      t.request('POST', `/api/surveys/${s.id}/responses`, { token: who.token, json: { answers } });
    expect((await answer(other, { q1: 4 })).status).toBe(404);
    expect((await answer(staff, { q1: 9 })).status).toBe(400);
    expect((await answer(staff, { q2: '毎日' })).status).toBe(400);
    expect((await answer(staff, { q1: 4, nope: 1 })).status).toBe(400);
    expect((await answer(staff, 'text')).status).toBe(400);
    expect(await t.query('SELECT count(*)::int AS n FROM survey_responses WHERE survey_id = $1', [s.id])).toEqual([{ n: 0 }]);
    expect((await answer(staff, { q1: 4, q2: '毎日' })).status).toBe(201);
    expect((await answer(staff, { q1: 5 })).status).toBe(409);
    expect(
      (await t.request('GET', '/api/surveys/mine', { token: staff.token })).body.find((m: { id: string }) => m.id === s.id).answered,
    ).toBe(true);
    // Changing answers is refused when the survey does not allow it.
    expect(
      (
        await t.request('PUT', `/api/surveys/${s.id}/responses/mine`, {
          token: staff.token,
          json: { answers: { q1: 1 }, editSecret: newSecret() },
        })
      ).status,
    ).toBe(409);
    expect((await t.request('POST', `/api/surveys/${s.id}/close`, { token: surveyAdmin.token })).status).toBe(200);
    expect((await answer(admin, { q1: 4 })).status).toBe(409);
    expect((await t.request('POST', `/api/surveys/${s.id}/close`, { token: surveyAdmin.token })).status).toBe(409);
  });

  it('an audience by departments invites exactly the active staff of those departments', async () => {
    const departments = (await t.request('GET', '/api/departments', { token: admin.token })).body as { id: string; name: string }[];
    const chosen = ['総務課', '企画財政課'].map((name) => departments.find((d) => d.name === name)!.id);
    const s = await openSurvey(t, surveyAdmin.token, { audience: { departmentIds: chosen } });
    const expected = await t.query<{ id: string }>(
      `SELECT id FROM users WHERE active AND NOT system AND 'staff' = ANY(roles) AND department_id = ANY($1) ORDER BY id`,
      [chosen],
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(s.invited).toBe(expected.length);
    const invited = await t.query<{ id: string }>('SELECT user_id AS id FROM survey_participants WHERE survey_id = $1 ORDER BY user_id', [
      s.id,
    ]);
    expect(invited).toEqual(expected);
    // 税務課 is not invited: not found; 総務課 answers.
    expect((await t.request('GET', `/api/surveys/${s.id}/form`, { token: other.token })).status).toBe(404);
    expect((await t.request('POST', `/api/surveys/${s.id}/responses`, { token: other.token, json: { answers: { q1: 3 } } })).status).toBe(
      404,
    );
    expect((await t.request('POST', `/api/surveys/${s.id}/responses`, { token: staff.token, json: { answers: { q1: 3 } } })).status).toBe(
      201,
    );
    const detail = await t.request('GET', `/api/surveys/${s.id}`, { token: surveyAdmin.token });
    expect(detail.body.audience).toEqual({ departmentIds: chosen });
  });

  it('an answer past closesAt is refused even before the scheduler closes the survey', async () => {
    const s = await openSurvey(t, surveyAdmin.token, { audience: { userIds: [staff.user.id] } });
    await t.query(`UPDATE surveys SET closes_at = now() - interval '1 second', opens_at = now() - interval '1 hour' WHERE id = $1`, [s.id]);
    const res = await t.request('POST', `/api/surveys/${s.id}/responses`, { token: staff.token, json: { answers: { q1: 3 } } });
    expect(res.status).toBe(409);
  });

  it('a scheduled survey is not answerable before opensAt', async () => {
    const draft = await createSurvey(t, surveyAdmin.token, { audience: { userIds: [staff.user.id] } });
    const opened = await t.request('POST', `/api/surveys/${draft.id}/open`, { token: surveyAdmin.token, json: { opensAt: inDays(1) } });
    expect(opened.body.status).toBe('scheduled');
    expect(
      (await t.request('POST', `/api/surveys/${draft.id}/responses`, { token: staff.token, json: { answers: { q1: 3 } } })).status,
    ).toBe(409);
    expect((await t.request('GET', '/api/surveys/mine', { token: staff.token })).body.map((m: { id: string }) => m.id)).not.toContain(
      draft.id,
    );
  });

  it('changing answers through the browser’s secret until close', async () => {
    const s = await openSurvey(t, surveyAdmin.token, { audience: { userIds: [staff.user.id, other.user.id] }, allowEdit: true });
    // The contract's plain body is accepted: the answer is stored with no edit hash and can never be changed.
    const plain = await t.request('POST', `/api/surveys/${s.id}/responses`, { token: other.token, json: { answers: { q1: 2 } } });
    expect(plain.status).toBe(201);
    expect(plain.body).toEqual({ editable: false });
    expect(await t.query('SELECT count(*)::int AS n FROM survey_responses WHERE survey_id = $1 AND edit_hash IS NULL', [s.id])).toEqual([
      { n: 1 },
    ]);
    expect((await t.request('POST', `/api/surveys/${s.id}/responses`, { token: other.token, json: { answers: { q1: 3 } } })).status).toBe(
      409,
    );
    expect(
      (
        await t.request('PUT', `/api/surveys/${s.id}/responses/mine`, {
          token: other.token,
          json: { answers: { q1: 5 }, editSecret: newSecret() },
        })
      ).status,
    ).toBe(404);
    const secret = newSecret();
    expect(
      (await t.request('POST', `/api/surveys/${s.id}/responses`, { token: staff.token, json: { answers: { q1: 2 }, editSecret: secret } }))
        .body,
    ).toEqual({ editable: true });
    expect(
      (
        await t.request('PUT', `/api/surveys/${s.id}/responses/mine`, {
          token: staff.token,
          json: { answers: { q1: 5 }, editSecret: newSecret() },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.request('PUT', `/api/surveys/${s.id}/responses/mine`, {
          token: staff.token,
          json: { answers: { q1: 5 }, editSecret: 'short' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.request('PUT', `/api/surveys/${s.id}/responses/mine`, {
          token: staff.token,
          json: { answers: { q1: 5 }, editSecret: secret },
        })
      ).status,
    ).toBe(200);
    const mine = await t.request('POST', `/api/surveys/${s.id}/responses/mine`, { token: staff.token, json: { editSecret: secret } });
    expect(mine.body).toEqual({ answers: { q1: 5 } });
    expect(await t.query('SELECT count(*)::int AS n FROM survey_responses WHERE survey_id = $1', [s.id])).toEqual([{ n: 2 }]);
    expect(
      (await t.query<{ q1: number }>(`SELECT (answers->>'q1')::int AS q1 FROM survey_responses WHERE survey_id = $1`, [s.id]))
        .map((r) => r.q1)
        .sort(),
    ).toEqual([2, 5]);
    await t.request('POST', `/api/surveys/${s.id}/close`, { token: surveyAdmin.token });
    expect(
      (
        await t.request('PUT', `/api/surveys/${s.id}/responses/mine`, {
          token: staff.token,
          json: { answers: { q1: 1 }, editSecret: secret },
        })
      ).status,
    ).toBe(409);
  });

  it('reminders reach exactly those who have not answered, with one identical text, in-app and as a notice', async () => {
    const names = ['suzuki.somu', 'ishikawa.somu', 'watanabe.kikaku'];
    const people = await Promise.all(names.map((n) => t.login(n)));
    const s = await openSurvey(t, surveyAdmin.token, { audience: { userIds: people.map((p) => p.user.id) } });
    await t.request('POST', `/api/surveys/${s.id}/responses`, { token: people[0].token, json: { answers: { q1: 4 } } });
    const sockets = await Promise.all(people.map((p) => t.socket({ token: p.token })));
    const got: unknown[] = [null, null, null];
    sockets.forEach((sock, i) => sock.on('survey:reminder', (p: unknown) => (got[i] = p)));
    const waits = [1, 2].map((i) => nextEvent(sockets[i], 'survey:reminder'));
    const res = await t.request('POST', `/api/surveys/${s.id}/remind`, { token: surveyAdmin.token });
    expect(res.body).toEqual({ reminded: 2 });
    const [a, b] = await Promise.all(waits);
    expect(a).toEqual(b);
    // The respondent's socket got nothing: closing reaches every invited socket after any reminder would have.
    const closed = nextEvent(sockets[0], 'survey:closed');
    await t.request('POST', `/api/surveys/${s.id}/close`, { token: surveyAdmin.token });
    await closed;
    expect(got[0]).toBeNull();
    const notices = await t.query<{ body: string }>(
      `SELECT m.body FROM chat_messages m JOIN chat_members cm ON cm.channel_id = m.channel_id
       WHERE cm.user_id = ANY($1) AND m.body LIKE '%アンケートのお願い%' AND m.body LIKE $2`,
      [people.map((p) => p.user.id), `%テスト調査%`],
    );
    expect(notices).toHaveLength(2);
    expect(new Set(notices.map((n) => n.body)).size).toBe(1);
  });

  it('results: counts, shares, KPI with the Wilson/FPC interval, response rates, CSV with a BOM', async () => {
    const names = ['sato.somu', 'suzuki.somu', 'takahashi.somu', 'ishikawa.somu', 'tanaka.kikaku', 'watanabe.kikaku', 'yamamoto.chomin'];
    const people = await Promise.all(names.map((n) => t.login(n)));
    const s = await openSurvey(t, surveyAdmin.token, {
      audience: { userIds: [...people.map((p) => p.user.id), other.user.id] },
      threshold: 5,
    });
    const likert = [5, 4, 4, 2, 5, 1, 4];
    for (const [i, p] of people.entries()) {
      await t.request('POST', `/api/surveys/${s.id}/responses`, {
        token: p.token,
        json: { answers: { q1: likert[i], q2: '毎日', q3: `意見${i}` } },
      });
    }
    // Closed: the final figures (while open they move in steps of k: the next test).
    expect((await t.request('POST', `/api/surveys/${s.id}/close`, { token: surveyAdmin.token })).status).toBe(200);
    const r = await t.request('GET', `/api/surveys/${s.id}/results`, { token: surveyAdmin.token });
    expect(r.status).toBe(200);
    expect(r.body.frozen).toBeUndefined();
    expect(r.body).toMatchObject({ invited: 8, responded: 7, responseRate: { invited: 8, responded: 7, rate: 7 / 8 } });
    const q1 = r.body.questions[0];
    expect(q1.counts).toEqual({ '5': 2, '4': 3, '3': 0, '2': 1, '1': 1 });
    const expected = kpiFigures(5, 7, 8, 0.7);
    expect(q1.kpi).toMatchObject({ target: 0.7, agree: 5, n: 7, population: 8, share: 5 / 7, verdict: expected.verdict });
    expect(q1.kpi.interval[0]).toBeCloseTo(expected.interval[0], 10);
    expect(q1.kpi.bounds).toEqual([5 / 8, 6 / 8]);
    expect(r.body.questions[2].texts.sort()).toEqual(names.map((_, i) => `意見${i}`).sort());
    expect(r.body.ratesByDepartment.reduce((n: number, d: { invited: number }) => n + d.invited, 0)).toBe(8);
    expect((await t.request('GET', `/api/surveys/${s.id}/results`, { token: staff.token })).status).toBe(403);
    // A crossed filter on groups that do not exist shows nothing (crossed cells: test/surveys/cross-suppression.e2e-spec.ts).
    const crossed = await t.request('GET', `/api/surveys/${s.id}/results?departmentId=x&position=y`, { token: surveyAdmin.token });
    expect(crossed.status).toBe(200);
    expect(crossed.body).toMatchObject({ suppressed: true, filteredResponded: null });
    const csv = await t.request('GET', `/api/surveys/${s.id}/results.csv`, { token: surveyAdmin.token });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const raw = await fetch(`${t.url}/api/surveys/${s.id}/responses.csv`, { headers: { authorization: `Bearer ${surveyAdmin.token}` } });
    const bytes = Buffer.from(await raw.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split(/\r\n/);
    expect(lines[0]).toBe('q1,q2,q3');
    expect(lines).toHaveLength(8);
    expect(lines.join('\n')).not.toMatch(/somu|kikaku|佐藤/);
  });

  it('while an anonymous survey is open its figures move only in steps of k responses; the response rate stays live; closed: final', async () => {
    const names = ['sato.somu', 'suzuki.somu', 'takahashi.somu', 'ishikawa.somu', 'tanaka.kikaku', 'watanabe.kikaku', 'yamamoto.chomin'];
    const people = await Promise.all(names.map((n) => t.login(n)));
    const title = '差分攻撃の確認';
    const k = 3;
    const s = await openSurvey(t, surveyAdmin.token, {
      title,
      threshold: k,
      audience: { userIds: [...people.map((p) => p.user.id), other.user.id] },
      questions: [
        { key: 'q1', type: 'likert5', text: '業務量', required: true, kpi: { key: 'workload_reduced', target: 0.7 } },
        { key: 'q2', type: 'single', text: '頻度', options: ['毎日', '週に数回'] },
      ],
    });
    const answer = async (i: number) =>
      expect(
        (
          await t.request('POST', `/api/surveys/${s.id}/responses`, {
            token: people[i].token,
            json: { answers: { q1: 1 + (i % 5), q2: i % 2 ? '毎日' : '週に数回' } },
          })
        ).status,
      ).toBe(201);
    const results = async () => {
      const res = await t.request('GET', `/api/surveys/${s.id}/results`, { token: surveyAdmin.token });
      expect(res.status).toBe(200);
      return res.body;
    };
    const rawLines = async () => {
      const res = await fetch(`${t.url}/api/surveys/${s.id}/responses.csv`, { headers: { authorization: `Bearer ${surveyAdmin.token}` } });
      return res.status === 200 ? (await res.text()).trim().split(/\r\n/).slice(1).sort() : res.status;
    };
    const wave = async () => {
      const kpis = await t.request('GET', '/api/kpis', { token: admin.token });
      const entry = kpis.body.find((e: { key: string }) => e.key === 'workload_reduced');
      return entry.history.find((h: { label: string }) => h.label.startsWith(title));
    };
    const answered = (r: { questions: { key: string; counts?: Record<string, number> }[] }) =>
      Object.values(r.questions[0].counts ?? {}).reduce((a, b) => a + b, 0);

    expect((await results()).frozen).toEqual({ responded: 0, refreshAt: k });
    for (const i of [0, 1, 2]) await answer(i);
    const before = await results();
    expect(before.frozen).toEqual({ responded: 3, refreshAt: 6 });
    expect(answered(before)).toBe(3);
    const [rawBefore, waveBefore] = [await rawLines(), await wave()];
    expect(waveBefore).toMatchObject({ n: 3 });

    // One more response: the response rate moves, no answer figure does (results, groups, raw CSV, dashboard).
    await answer(3);
    const after = await results();
    expect(after.responded).toBe(4);
    expect(after.responseRate).toEqual({ invited: 8, responded: 4, rate: 4 / 8 });
    expect(after.frozen).toEqual(before.frozen);
    expect(after.questions).toEqual(before.questions);
    expect(after.groups).toEqual(before.groups);
    expect(after.filteredResponded).toBe(before.filteredResponded);
    expect(await rawLines()).toEqual(rawBefore);
    expect(await wave()).toEqual(waveBefore);

    // k more than the copy covers: the figures refresh.
    for (const i of [4, 5]) await answer(i);
    const refreshed = await results();
    expect(refreshed.frozen).toEqual({ responded: 6, refreshAt: 9 });
    expect(answered(refreshed)).toBe(6);
    expect(await wave()).toMatchObject({ n: 6 });

    // Closed: final, every response counted.
    await answer(6);
    expect((await results()).frozen).toEqual({ responded: 6, refreshAt: 9 });
    expect((await t.request('POST', `/api/surveys/${s.id}/close`, { token: surveyAdmin.token })).status).toBe(200);
    const final = await results();
    expect(final.frozen).toBeUndefined();
    expect(answered(final)).toBe(7);
    expect(await rawLines()).toHaveLength(7);
    expect(await wave()).toMatchObject({ n: 7 });
    expect(await t.query('SELECT count(*)::int AS n FROM survey_result_snapshots WHERE survey_id = $1', [s.id])).toEqual([{ n: 0 }]);
  });

  it('response rates per department: departments below k invited are pooled into その他, never shown alone', async () => {
    const s = await openSurvey(t, surveyAdmin.token, { threshold: 5 });
    const r = await t.request('GET', `/api/surveys/${s.id}/results`, { token: surveyAdmin.token });
    const rates = r.body.ratesByDepartment as { departmentId: string | null; invited: number; suppressed: boolean }[];
    expect(rates.reduce((n, d) => n + d.invited, 0)).toBe(r.body.invited);
    for (const d of rates) if (!d.suppressed) expect(d.invited).toBeGreaterThanOrEqual(5);
    const [{ n: small }] = await t.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT department_id FROM survey_participants WHERE survey_id = $1
         GROUP BY department_id HAVING count(*) < 5) x`,
      [s.id],
    );
    expect(small).toBeGreaterThan(0);
    expect(rates.filter((d) => d.departmentId === null)).toHaveLength(1);
  });
});
