import { smallDisclosures } from '../../libs/surveys/src/domain/cross-disclosure';
import { TestServer, type SignedIn } from '../support/test-server';
import { openSurvey } from './survey-client';

interface CrossGroup {
  value: string | null;
  suppressed: boolean;
  responded?: number;
}
interface Results {
  suppressed: boolean;
  filteredResponded: number | null;
  groups: {
    dimension: string;
    value: string | null;
    suppressed: boolean;
    questions?: { key: string; counts?: Record<string, number> }[];
  }[];
  questions: { key: string; answered: number; suppressed?: boolean; counts?: Record<string, number> }[];
  cross?: { departments: CrossGroup[]; positions: CrossGroup[]; cells: { suppressed: boolean; responded?: number }[][] };
}

/**
 * The crossed breakdown (department × position) on a real survey: nothing shown describes fewer than k people, and
 * no hidden cell, nor any set of fewer than k respondents, can be computed from the shown cells, the department and
 * position totals and the grand total — checked by exhaustive linear algebra against the stored rows (what an
 * attacker with the directory knows), for the respondents and for each question's answers; and under every crossed
 * filter a hidden cell shows nothing.
 */
describe('surveys: the crossed department × position breakdown', () => {
  let t: TestServer;
  let admin: SignedIn;
  let surveyId: string;
  const k = 5;

  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.login('admin');
    const departments = (await t.request('GET', '/api/departments', { token: admin.token })).body as { id: string; name: string }[];
    const dept = (name: string) => departments.find((d) => d.name === name)!.id;
    // Two departments big enough to be stored, each with a big cell (主事) and small ones (主任, 係長).
    const extra = [
      ...['主事', '主事', '主事', '主事', '主事', '主任', '係長', '主任'].map((position) => ({ dept: '税務課', position })),
      ...['主事', '主事', '主事', '主事', '主事', '主事', '主任', '係長', '係長'].map((position) => ({ dept: '保健福祉課', position })),
    ];
    for (const [i, e] of extra.entries()) {
      const res = await t.request('POST', '/api/users', {
        token: admin.token,
        json: {
          username: `cross${i}`,
          displayName: `交差 ${i}`,
          password: 'extra-password-123',
          departmentId: dept(e.dept),
          position: e.position,
        },
      });
      expect(res.status).toBe(201);
    }
    const survey = await openSurvey(t, admin.token, { threshold: k, breakdowns: ['department', 'position'] });
    surveyId = survey.id;
    const users = await t.query<{ username: string }>(`SELECT username FROM users WHERE active AND NOT system ORDER BY username`);
    let i = 0;
    for (const { username } of users) {
      if (i++ % 7 === 6) continue;
      const who = await t.login(username, username.startsWith('cross') ? 'extra-password-123' : undefined);
      const res = await t.request('POST', `/api/surveys/${surveyId}/responses`, {
        token: who.token,
        json: { answers: { q1: 1 + (i % 5), ...(i % 4 ? { q2: '毎日' } : {}) } },
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
    return res.body as Results;
  };

  /** The true crossed table from the stored rows, in the published order; `has` narrows to a question's answers. */
  const truth = async (cross: NonNullable<Results['cross']>, has?: string) => {
    const rows = await t.query<{ d: string | null; p: string | null; a: Record<string, unknown> }>(
      'SELECT department_id::text AS d, position AS p, answers AS a FROM survey_responses WHERE survey_id = $1',
      [surveyId],
    );
    return cross.departments.map((d) =>
      cross.positions.map((p) => rows.filter((r) => r.d === d.value && r.p === p.value && (!has || r.a[has] !== undefined)).length),
    );
  };

  it('respondents: shown cells and totals are 0 or ≥ k; no set of fewer than k can be computed from cells, rows, columns and total', async () => {
    const r = await results();
    expect(r.cross).toBeDefined();
    const cross = r.cross!;
    const counts = await truth(cross);
    const hiddenCells = cross.cells.flat().filter((c) => c.suppressed);
    expect(hiddenCells.some((c: any) => c.reason === 'below_threshold')).toBe(true);
    expect(hiddenCells.some((c: any) => c.reason === 'complementary')).toBe(true);
    for (const [i, row] of cross.cells.entries())
      for (const [j, cell] of row.entries()) {
        if (cell.suppressed) expect(cell).not.toHaveProperty('responded');
        else {
          expect(cell.responded).toBe(counts[i][j]);
          expect(cell.responded === 0 || cell.responded! >= k).toBe(true);
        }
      }
    for (const g of [...cross.departments, ...cross.positions]) if (!g.suppressed) expect(g.responded).toBeGreaterThanOrEqual(k);
    // The groups of the breakdowns apart say the same as the crossed table's totals.
    for (const g of r.groups) {
      const same = (g.dimension === 'department' ? cross.departments : cross.positions).find((x) => x.value === g.value)!;
      expect(same.suppressed).toBe(g.suppressed);
    }
    const shown = {
      cells: cross.cells.map((row) => row.map((c) => !c.suppressed)),
      rows: cross.departments.map((g) => !g.suppressed),
      cols: cross.positions.map((g) => !g.suppressed),
      total: !r.suppressed,
    };
    expect(smallDisclosures(counts, shown, k)).toEqual([]);
  });

  it('every crossed filter: a hidden cell shows nothing; a shown one its respondents, and no question’s hidden answers can be computed', async () => {
    const all = await results();
    const cross = all.cross!;
    const perQuestion = new Map<string, boolean[][]>();
    for (const [i, d] of cross.departments.entries())
      for (const [j, p] of cross.positions.entries()) {
        const f = await results(`?departmentId=${encodeURIComponent(d.value ?? '')}&position=${encodeURIComponent(p.value ?? '')}`);
        const cell = cross.cells[i][j];
        if (cell.suppressed) {
          expect(f.suppressed).toBe(true);
          expect(f.filteredResponded).toBeNull();
          expect(f.questions.every((q) => q.suppressed && !q.counts)).toBe(true);
        } else if (cell.responded) {
          expect(f.suppressed).toBe(false);
          expect(f.filteredResponded).toBe(cell.responded);
          for (const q of f.questions) if (!q.suppressed && q.answered) expect(q.answered).toBeGreaterThanOrEqual(k);
        }
        for (const q of f.questions) {
          if (!perQuestion.has(q.key))
            perQuestion.set(
              q.key,
              cross.cells.map((row) => row.map(() => false)),
            );
          perQuestion.get(q.key)![i][j] = !f.suppressed && !q.suppressed && q.counts !== undefined;
        }
      }
    // Per question: the answers shown in cells, in the groups apart, and overall.
    for (const key of ['q1', 'q2']) {
      const counts = await truth(cross, key);
      const groupShows = (dim: string, value: string | null) =>
        all.groups.some(
          (g) => g.dimension === dim && g.value === value && !g.suppressed && g.questions?.find((q) => q.key === key)?.counts,
        );
      const shown = {
        cells: perQuestion.get(key)!.map((row, i) => row.map((s, j) => s || counts[i][j] === 0)),
        rows: cross.departments.map((d) => groupShows('department', d.value)),
        cols: cross.positions.map((p) => groupShows('position', p.value)),
        total: all.questions.find((q) => q.key === key)!.counts !== undefined,
      };
      expect(smallDisclosures(counts, shown, k)).toEqual([]);
    }
  });

  it('the aggregated CSV carries the crossed table with its hidden cells blank', async () => {
    const res = await t.request('GET', `/api/surveys/${surveyId}/results.csv`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(String(res.body)).toContain('部署×職位');
  });
});
