import type { DocumentTypeInput, StageDefinition } from '@yakuba/contracts';
import { assertTypeDefinition, authorityTable } from './type-rules';

const stage = (key: string, over: Partial<StageDefinition>): StageDefinition => ({
  key,
  label: key,
  kind: 'approval',
  mode: 'sequential',
  approvers: [{ kind: 'drafter_department_position', position: '課長' }],
  rank: null,
  minAmount: null,
  afterDecision: false,
  ...over,
});
const input = (over: Partial<DocumentTypeInput> = {}): DocumentTypeInput => ({
  code: 'spend',
  name: '支出負担行為',
  retentionYears: 5,
  stages: [
    stage('kacho', { rank: '課長' }),
    stage('zaisei', { kind: 'consultation', mode: 'all', minAmount: 1_000_000 }),
    stage('fuku', { rank: '副町長', minAmount: 1_000_000 }),
    stage('cho', { rank: '町長', minAmount: 5_000_000 }),
  ],
  authority: [
    { minAmount: 0, maxAmount: 1_000_000, decider: '課長' },
    { minAmount: 1_000_000, maxAmount: 5_000_000, decider: '副町長' },
    { minAmount: 5_000_000, maxAmount: null, decider: '町長' },
  ],
  ...over,
});

describe('type definitions', () => {
  it('accepts a sound template', () => expect(() => assertTypeDefinition(input())).not.toThrow());

  it.each([
    ['duplicate keys', { stages: [stage('a', { rank: '課長' }), stage('a', { rank: '町長' })], authority: [] }, /twice/],
    ['no approval stage', { stages: [stage('a', { kind: 'consultation' })], authority: [] }, /approval stage/],
    ['falling ranks', { stages: [stage('a', { rank: '町長' }), stage('b', { rank: '課長' })], authority: [] }, /rank/],
    [
      'a gap',
      {
        authority: [
          { minAmount: 0, maxAmount: 10, decider: '課長' as const },
          { minAmount: 20, maxAmount: null, decider: '町長' as const },
        ],
      },
      /gap/,
    ],
    ['a capped last band', { authority: [{ minAmount: 0, maxAmount: 10, decider: '課長' as const }] }, /upper limit/],
    ['an unknown decider', { authority: [{ minAmount: 0, maxAmount: null, decider: '係長' as const }] }, /rank 係長/],
    ['an approval stage without rank', { stages: [stage('a', {})], authority: [] }, /rank/],
  ])('refuses %s', (_name, over, message) =>
    expect(() => assertTypeDefinition(input(over as Partial<DocumentTypeInput>))).toThrow(message),
  );

  it('reads as a 別表: ◎ decides, ○ approves before', () => {
    const table = authorityTable([{ ...input(), id: 't', headRank: '町長' }]);
    expect(table.ranks).toEqual(['町長', '副町長', '課長']);
    expect(table.rows.map((r) => [r.minAmount, r.maxAmount, r.marks])).toEqual([
      [0, 1_000_000, { 課長: '◎' }],
      [1_000_000, 5_000_000, { 課長: '○', 副町長: '◎' }],
      [5_000_000, null, { 課長: '○', 副町長: '○', 町長: '◎' }],
    ]);
    expect(table.rows[0].consultations).toEqual([]);
    expect(table.rows[1].consultations).toEqual(['zaisei']);
    expect(table.importantDecider).toBe('町長');
  });
});
