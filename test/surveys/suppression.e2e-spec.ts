import { smallDerivable } from '../../libs/surveys/src/domain/suppression';
import { TestServer, type SignedIn } from '../support/test-server';
import { openSurvey } from './survey-client';

interface Group {
  dimension: 'department' | 'position';
  value: string | null;
  suppressed: boolean;
  responded?: number;
  reason?: string;
  questions?: { key: string; counts?: Record<string, number> }[];
}

/**
 * Suppression on a real survey: for every group and every filter, nothing of fewer than k respondents is shown, and
 * nothing hidden can be worked out from what is shown (totals minus visible groups, departments minus positions).
 */
describe('surveys: k threshold and complementary suppression', () => {
  let t: TestServer;
  let admin: SignedIn;
  let surveyId: string;
  const k = 5;

  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.login('admin');
    const departments = (await t.request('GET', '/api/departments', { token: admin.token })).body as { id: string; name: string }[];
    const dept = (name: string) => departments.find((d) => d.name === name)!.id;
    // Make two departments big enough to be stored (at least k invited), with a mix of positions.
    const extra: { dept: string; position: string }[] = [
      ...['主事', '主事', '主事', '主任', '係長', '主事'].map((position) => ({ dept: '税務課', position })),
      ...['主事', '主事', '主任', '主事', '係長', '主事', '主事'].map((position) => ({ dept: '保健福祉課', position })),
    ];
    for (const [i, e] of extra.entries()) {
      const res = await t.request('POST', '/api/users', {
        token: admin.token,
        json: {
          username: `extra${i}`,
          displayName: `追加 ${i}`,
          password: 'extra-password-123',
          departmentId: dept(e.dept),
          position: e.position,
        },
      });
      expect(res.status).toBe(201);
    }
    const survey = await openSurvey(t, admin.token, { threshold: k });
    surveyId = survey.id;
    // Most of the town answers; a few departments only partly.
    const users = await t.query<{ username: string }>(`SELECT username FROM users WHERE active AND NOT system ORDER BY username`);
    let i = 0;
    for (const { username } of users) {
      if (i++ % 6 === 5) continue;
      const who = await t.login(username, username.startsWith('extra') ? 'extra-password-123' : undefined);
      const res = await t.request('POST', `/api/surveys/${surveyId}/responses`, {
        token: who.token,
        json: { answers: { q1: 1 + (i % 5), ...(i % 3 ? { q2: '毎日' } : {}) } },
      });
      expect(res.status).toBe(201);
    }
    // Closed: the final figures (an open survey's move only in steps of k, test/surveys/surveys.e2e-spec.ts).
    expect((await t.request('POST', `/api/surveys/${surveyId}/close`, { token: admin.token })).status).toBe(200);
  });
  afterAll(() => t.close());

  const results = async (query = '') => {
    const res = await t.request('GET', `/api/surveys/${surveyId}/results${query}`, { token: admin.token });
    expect(res.status).toBe(200);
    return res.body as {
      responded: number;
      filteredResponded: number | null;
      suppressed: boolean;
      groups: Group[];
      questions: { key: string; answered: number; suppressed?: boolean; counts?: Record<string, number> }[];
    };
  };

  it('every shown group has at least k respondents; every hidden pool at least k; hidden groups carry no figures', async () => {
    const r = await results();
    expect(r.suppressed).toBe(false);
    for (const dim of ['department', 'position'] as const) {
      const groups = r.groups.filter((g) => g.dimension === dim);
      expect(groups.length).toBeGreaterThan(1);
      for (const g of groups) {
        if (g.suppressed) expect(g).not.toHaveProperty('responded');
        else expect(g.responded).toBeGreaterThanOrEqual(k);
      }
      const visible = groups.filter((g) => !g.suppressed).reduce((n, g) => n + g.responded!, 0);
      const pool = r.responded - visible;
      expect(pool === 0 || pool >= k).toBe(true);
      // Complementary cells exist when a single small group would otherwise be derivable.
      if (groups.filter((g) => g.suppressed).length === 1) expect(pool).toBeGreaterThanOrEqual(k);
    }
    // Per question too: the answers hidden in a dimension's groups add up to 0 or at least k.
    for (const q of r.questions.filter((q) => q.counts)) {
      for (const dim of ['department', 'position'] as const) {
        const shown = r.groups
          .filter((g) => g.dimension === dim && !g.suppressed)
          .reduce((n, g) => n + Object.values(g.questions!.find((x) => x.key === q.key)?.counts ?? {}).reduce((a, b) => a + b, 0), 0);
        const hiddenAnswers = Object.values(q.counts!).reduce((a, b) => a + b, 0) - shown;
        expect(hiddenAnswers === 0 || hiddenAnswers >= k).toBe(true);
      }
    }
  });

  it('no department minus positions (or the reverse) yields fewer than k people', async () => {
    const r = await results();
    // Rebuild the published table from the stored rows (what an attacker with the results and the directory knows).
    const rows = await t.query<{ d: string | null; p: string | null }>(
      'SELECT department_id::text AS d, position AS p FROM survey_responses WHERE survey_id = $1',
      [surveyId],
    );
    const shown = (dim: 'department' | 'position', v: string | null) =>
      r.groups.some((g) => g.dimension === dim && g.value === v && !g.suppressed);
    const rowKeys = [...new Set(rows.map((x) => (shown('department', x.d) ? x.d : '*')))];
    const colKeys = [...new Set(rows.map((x) => (shown('position', x.p) ? x.p : '*')))];
    const table = rowKeys.map((a) =>
      colKeys.map(
        (b) => rows.filter((x) => (shown('department', x.d) ? x.d : '*') === a && (shown('position', x.p) ? x.p : '*') === b).length,
      ),
    );
    expect(smallDerivable({ cells: table }, k)).toBeNull();
  });

  it('under every filter: a hidden group shows nothing, a shown group the same figures as in the breakdown', async () => {
    const all = await results();
    for (const g of all.groups) {
      const param = g.dimension === 'department' ? 'departmentId' : 'position';
      const filtered = await results(`?${param}=${encodeURIComponent(g.value ?? '')}`);
      if (g.suppressed) {
        expect(filtered.suppressed).toBe(true);
        expect(filtered.filteredResponded).toBeNull();
        expect(filtered.questions.every((q) => q.suppressed && !q.counts)).toBe(true);
      } else {
        expect(filtered.suppressed).toBe(false);
        expect(filtered.filteredResponded).toBe(g.responded);
        for (const q of filtered.questions) if (!q.suppressed && q.answered) expect(q.answered).toBeGreaterThanOrEqual(k);
        const q1 = g.questions!.find((q) => q.key === 'q1')!;
        if (q1.counts) expect(filtered.questions[0].counts).toEqual(q1.counts);
      }
    }
    // A value that is no group at all (or a made-up one) shows nothing either.
    expect((await results('?departmentId=00000000-0000-4000-8000-000000000000')).suppressed).toBe(true);
    expect((await results('?position=町長')).suppressed).toBe(true);
  });

  it('stored rows name no department or position with fewer than k invited', async () => {
    const small = await t.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM survey_responses r WHERE r.survey_id = $1 AND (
         (r.department_id IS NOT NULL AND (SELECT count(*) FROM survey_participants p WHERE p.survey_id = r.survey_id AND p.department_id = r.department_id) < $2)
         OR (r.position IS NOT NULL AND (SELECT count(*) FROM survey_participants p WHERE p.survey_id = r.survey_id AND p.position = r.position) < $2))`,
      [surveyId, k],
    );
    expect(small).toEqual([{ n: 0 }]);
  });

  /** Each distinct stored pair of a survey with how many invited people its grouping maps to it. */
  const storedPairs = (id: string) =>
    t.query<{ department: string | null; position: string | null; invited: number; exact: number }>(
      `SELECT r.department_id AS department, r.position,
         (SELECT count(*) FROM survey_participants p
            JOIN jsonb_to_recordset(s.stored_groups) AS g(department uuid, position text, "storedDepartment" uuid, "storedPosition" text)
              ON g.department IS NOT DISTINCT FROM p.department_id AND g.position IS NOT DISTINCT FROM p.position
          WHERE p.survey_id = s.id AND g."storedDepartment" IS NOT DISTINCT FROM r.department_id
            AND g."storedPosition" IS NOT DISTINCT FROM r.position)::int AS invited,
         (SELECT count(*) FROM survey_participants p WHERE p.survey_id = s.id
            AND p.department_id = r.department_id AND p.position = r.position)::int AS exact
       FROM (SELECT DISTINCT survey_id, department_id, position FROM survey_responses WHERE survey_id = $1) r
       JOIN surveys s ON s.id = r.survey_id`,
      [id],
    );

  it('no stored (department, position) pair stands for fewer than k invited people', async () => {
    const pairs = await storedPairs(surveyId);
    expect(pairs.length).toBeGreaterThan(0);
    for (const p of pairs) {
      expect(p.invited).toBeGreaterThanOrEqual(k);
      if (p.department !== null && p.position !== null) expect(p.exact).toBeGreaterThanOrEqual(k);
    }
  });

  it('the one 課長 of a department that is k strong, among k 課長 town-wide, is not stored as (税務課, 課長)', async () => {
    // 税務課: 8 invited (1 課長); 課長: one per department. Each value alone is ≥ k; the pair is one person.
    const zeimu = (await t.query<{ id: string }>(`SELECT id FROM departments WHERE name = '税務課'`))[0].id;
    const [{ n: chiefs }] = await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE active AND position = '課長'`);
    const [{ n: inZeimu }] = await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE active AND department_id = $1`, [
      zeimu,
    ]);
    expect(chiefs).toBeGreaterThanOrEqual(k);
    expect(inZeimu).toBeGreaterThanOrEqual(k);
    const survey = await openSurvey(t, admin.token, { threshold: k });
    const members = await t.query<{ username: string }>(`SELECT username FROM users WHERE active AND department_id = $1`, [zeimu]);
    for (const { username } of members) {
      const who = await t.login(username, username.startsWith('extra') ? 'extra-password-123' : undefined);
      const res = await t.request('POST', `/api/surveys/${survey.id}/responses`, { token: who.token, json: { answers: { q1: 3 } } });
      expect(res.status).toBe(201);
    }
    const rows = await t.query<{ department: string | null; position: string | null }>(
      'SELECT department_id AS department, position FROM survey_responses WHERE survey_id = $1',
      [survey.id],
    );
    expect(rows).toHaveLength(members.length);
    expect(rows.filter((r) => r.department === zeimu && r.position === '課長')).toEqual([]);
    // The department itself is still stored: the whole department is k strong.
    expect(rows.every((r) => r.department === zeimu)).toBe(true);
    for (const p of await storedPairs(survey.id)) expect(p.invited).toBeGreaterThanOrEqual(k);
  });
});
