import type { Position, StageDefinition } from '@yakuba/contracts';
import { deciderRank, resolveRoute, type RouteTemplate } from './route-resolution';

const holdersTable: Record<string, Partial<Record<Position, string[]>>> = {
  somu: { 係長: ['kakari'], 課長: ['kacho'] },
  kikaku: { 課長: ['zaisei'] },
  top: { 副町長: ['fuku'], 町長: ['cho'] },
};
const holders = (dep: string, pos: Position) => holdersTable[dep]?.[pos] ?? [];
const anywhere = (pos: Position) => Object.values(holdersTable).flatMap((byPosition) => byPosition[pos] ?? []);

const stage = (key: string, over: Partial<StageDefinition>): StageDefinition => ({
  key,
  label: key,
  kind: 'approval',
  mode: 'sequential',
  approvers: [],
  rank: null,
  minAmount: null,
  afterDecision: false,
  ...over,
});

const spending: RouteTemplate = {
  headRank: '町長',
  stages: [
    stage('kakari', { approvers: [{ kind: 'drafter_department_position', position: '係長' }], rank: '係長' }),
    stage('kacho', { approvers: [{ kind: 'drafter_department_position', position: '課長' }], rank: '課長' }),
    stage('zaisei', {
      kind: 'consultation',
      mode: 'all',
      approvers: [{ kind: 'department_position', departmentId: 'kikaku', position: '課長' }],
      minAmount: 1_000_000,
    }),
    stage('fuku', {
      approvers: [{ kind: 'department_position', departmentId: 'top', position: '副町長' }],
      rank: '副町長',
      minAmount: 1_000_000,
    }),
    stage('cho', {
      approvers: [{ kind: 'department_position', departmentId: 'top', position: '町長' }],
      rank: '町長',
      minAmount: 5_000_000,
    }),
    stage('notice', { kind: 'circulation', mode: 'all', approvers: [{ kind: 'user', userId: 'clerk' }], afterDecision: true }),
  ],
  authority: [
    { minAmount: 0, maxAmount: 1_000_000, decider: '課長' },
    { minAmount: 1_000_000, maxAmount: 5_000_000, decider: '副町長' },
    { minAmount: 5_000_000, maxAmount: null, decider: '町長' },
  ],
};

const request = (over: Partial<Parameters<typeof resolveRoute>[1]> = {}) => ({
  drafterId: 'drafter',
  drafterDepartmentId: 'somu',
  amount: 0,
  important: false,
  unusual: false,
  extraStages: [],
  ...over,
});

const keys = (route: ReturnType<typeof resolveRoute>) => route.map((s) => `${s.key}${s.decision ? '*' : ''}`);

describe('route resolution', () => {
  it('conditional stages grow the route with the amount, and 専決 ends it at the decider', () => {
    expect(keys(resolveRoute(spending, request({ amount: 300_000 }), holders, anywhere))).toEqual(['kakari', 'kacho*', 'notice']);
    expect(keys(resolveRoute(spending, request({ amount: 1_000_000 }), holders, anywhere))).toEqual([
      'kakari',
      'kacho',
      'zaisei',
      'fuku*',
      'notice',
    ]);
    expect(keys(resolveRoute(spending, request({ amount: 4_999_999 }), holders, anywhere))).toEqual([
      'kakari',
      'kacho',
      'zaisei',
      'fuku*',
      'notice',
    ]);
    expect(keys(resolveRoute(spending, request({ amount: 5_000_000 }), holders, anywhere))).toEqual([
      'kakari',
      'kacho',
      'zaisei',
      'fuku',
      'cho*',
      'notice',
    ]);
  });

  it('resolves positions in the drafter department and in named departments', () => {
    const route = resolveRoute(spending, request({ amount: 2_000_000 }), holders, anywhere);
    expect(route.map((s) => s.approverIds)).toEqual([['kakari'], ['kacho'], ['zaisei'], ['fuku'], ['clerk']]);
    expect(
      resolveRoute(spending, request({ drafterDepartmentId: 'kikaku', drafterId: 'x', amount: 0 }), holders, anywhere).map((s) => s.key),
    ).toEqual(['kacho', 'notice']);
  });

  it('重要 and 異例 go to the head regardless of the amount, through the whole line', () => {
    for (const flag of ['important', 'unusual'] as const) {
      const route = resolveRoute(spending, request({ amount: 10, [flag]: true }), holders, anywhere);
      expect(keys(route)).toEqual(['kakari', 'kacho', 'fuku', 'cho*', 'notice']);
    }
    expect(deciderRank(spending, { amount: 1, important: true, unusual: false })).toBe('町長');
  });

  it('重要 and 異例 of a type without a head stage: the head is added after the line and decides', () => {
    const local: RouteTemplate = { ...spending, stages: spending.stages.filter((s) => s.key !== 'cho' && s.key !== 'fuku'), authority: [] };
    expect(keys(resolveRoute(local, request({ amount: 0 }), holders, anywhere))).toEqual(['kakari', 'kacho*', 'notice']);
    for (const flag of ['important', 'unusual'] as const) {
      const route = resolveRoute(local, request({ amount: 0, [flag]: true }), holders, anywhere);
      expect(keys(route)).toEqual(['kakari', 'kacho', 'escalated-head*', 'notice']);
      expect(route[2]).toMatchObject({ kind: 'approval', mode: 'sequential', rank: '町長', label: '町長', approverIds: ['cho'] });
    }
    // The same with 専決 rows that stop at the 課長: 重要 still goes to the head.
    const banded: RouteTemplate = { ...local, authority: [{ minAmount: 0, maxAmount: null, decider: '課長' }] };
    expect(keys(resolveRoute(banded, request({ important: true }), holders, anywhere))).toEqual([
      'kakari',
      'kacho',
      'escalated-head*',
      'notice',
    ]);
    // A 副町長 stage is not the head: the head follows it.
    const toVice: RouteTemplate = { ...spending, stages: spending.stages.filter((s) => s.key !== 'cho'), authority: [] };
    expect(keys(resolveRoute(toVice, request({ unusual: true }), holders, anywhere))).toEqual([
      'kakari',
      'kacho',
      'fuku',
      'escalated-head*',
      'notice',
    ]);
    // The head drafting themself: no one above, the line's last stage decides; nobody holding the head's rank is refused.
    expect(keys(resolveRoute(local, request({ drafterId: 'cho', important: true }), holders, anywhere))).toEqual([
      'kakari',
      'kacho*',
      'notice',
    ]);
    expect(() => resolveRoute(local, request({ important: true }), holders, () => [])).toThrow(/町長/);
  });

  it('the drafter never approves their own draft; an empty stage drops out', () => {
    const route = resolveRoute(spending, request({ drafterId: 'kakari', amount: 0 }), holders, anywhere);
    expect(keys(route)).toEqual(['kacho*', 'notice']);
  });

  it('the drafter 合議 stages come just before the decision stage', () => {
    const route = resolveRoute(
      spending,
      request({ amount: 2_000_000, extraStages: [{ label: '建設課', mode: 'any', approverIds: ['a', 'b', 'drafter'] }] }),
      holders,
      anywhere,
    );
    expect(keys(route)).toEqual(['kakari', 'kacho', 'zaisei', 'extra-1', 'fuku*', 'notice']);
    expect(route[3]).toMatchObject({ kind: 'consultation', mode: 'any', addedByDrafter: true, approverIds: ['a', 'b'] });
    expect(() =>
      resolveRoute(spending, request({ extraStages: [{ label: 'x', mode: 'all', approverIds: ['drafter'] }] }), holders, anywhere),
    ).toThrow(/extraStages\[0\]/);
  });

  it('without authority rows the last approval stage decides; a decider rank missing falls to the next higher', () => {
    const general: RouteTemplate = { ...spending, authority: [] };
    expect(keys(resolveRoute(general, request({ amount: 0 }), holders, anywhere))).toEqual(['kakari', 'kacho*', 'notice']);
    const skipsVice: RouteTemplate = { ...spending, authority: [{ minAmount: 0, maxAmount: null, decider: '課長補佐' }] };
    expect(keys(resolveRoute(skipsVice, request({ amount: 0 }), holders, anywhere))).toEqual(['kakari', 'kacho*', 'notice']);
  });

  it('refuses a route nobody can approve', () => {
    expect(() => resolveRoute(spending, request({ drafterDepartmentId: 'nowhere', amount: 0 }), () => [], anywhere)).toThrow(/no approver/);
  });
});
