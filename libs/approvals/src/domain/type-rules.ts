import {
  DomainError,
  POSITIONS,
  type AuthorityRow,
  type AuthorityTableView,
  type DocumentTypeInput,
  type Position,
  type StageDefinition,
} from '@yakuba/contracts';
import { rankOf } from './route-resolution';

/**
 * A type's route template and 専決 rows must make sense before they are stored: unique stage keys, at least one
 * approval stage with a rank, approval stages in rising rank, authority bands that start at 0, touch without gaps
 * or overlaps and name a rank some approval stage has.
 */
export function assertTypeDefinition(input: DocumentTypeInput): void {
  const stages = input.stages;
  const keys = new Set<string>();
  stages.forEach((s, i) => {
    if (keys.has(s.key)) throw new DomainError('bad_request', `stages[${i}].key: "${s.key}" is used twice`);
    keys.add(s.key);
    if (!s.approvers.length) throw new DomainError('bad_request', `stages[${i}].approvers: at least one`);
    if (s.kind === 'approval' && !s.rank) throw new DomainError('bad_request', `stages[${i}].rank: an approval stage has a rank`);
    if (s.kind !== 'circulation' && s.afterDecision)
      throw new DomainError('bad_request', `stages[${i}].afterDecision: only 供覧 stages follow the decision`);
    if (s.kind === 'approval' && s.mode !== 'sequential' && s.approvers.length === 1 && s.approvers[0].kind === 'user')
      throw new DomainError('bad_request', `stages[${i}].mode: one named approver is a sequential stage`);
  });
  const approvals = stages.filter((s): s is StageDefinition & { rank: Position } => s.kind === 'approval' && s.rank !== null);
  if (!approvals.length) throw new DomainError('bad_request', 'stages: at least one approval stage');
  for (let i = 1; i < approvals.length; i++)
    if (rankOf(approvals[i].rank) < rankOf(approvals[i - 1].rank))
      throw new DomainError('bad_request', `stages: approval stages go up in rank (${approvals[i - 1].rank} before ${approvals[i].rank})`);
  assertAuthority(input.authority, new Set(approvals.map((s) => s.rank)));
}

function assertAuthority(rows: AuthorityRow[], ranks: Set<Position>): void {
  const sorted = [...rows].sort((a, b) => a.minAmount - b.minAmount);
  sorted.forEach((row, i) => {
    if (!ranks.has(row.decider))
      throw new DomainError('bad_request', `authority[${i}].decider: no approval stage has the rank ${row.decider}`);
    if (row.maxAmount !== null && row.maxAmount <= row.minAmount)
      throw new DomainError('bad_request', `authority[${i}]: maxAmount must exceed minAmount`);
    const expectedMin = i === 0 ? 0 : sorted[i - 1].maxAmount;
    if (row.minAmount !== expectedMin)
      throw new DomainError('bad_request', 'authority: the bands start at 0 and follow each other without gap or overlap');
  });
  if (sorted.length && sorted[sorted.length - 1].maxAmount !== null)
    throw new DomainError('bad_request', 'authority: the last band has no upper limit');
}

/**
 * 事務決裁規程 別表: for each type and amount band, ◎ on the rank that decides and ○ on the ranks of the approval
 * line before it. Read from the same template route resolution uses.
 */
export function authorityTable(
  types: { id: string; name: string; stages: StageDefinition[]; authority: AuthorityRow[]; headRank: Position }[],
): AuthorityTableView {
  const used = new Set<Position>();
  const rows: AuthorityTableView['rows'] = [];
  for (const type of types) {
    const approvalRanks = type.stages.filter((s) => s.kind === 'approval' && s.rank).map((s) => s.rank as Position);
    approvalRanks.forEach((r) => used.add(r));
    const bands = type.authority.length
      ? [...type.authority].sort((a, b) => a.minAmount - b.minAmount)
      : [{ minAmount: 0, maxAmount: null, decider: approvalRanks[approvalRanks.length - 1] }];
    for (const band of bands) {
      const marks: Record<string, '◎' | '○' | ''> = {};
      for (const stage of type.stages) {
        if (stage.kind !== 'approval' || !stage.rank) continue;
        const applies = stage.minAmount === null || stage.minAmount < (band.maxAmount ?? Infinity);
        if (!applies) continue;
        if (stage.rank === band.decider) marks[stage.rank] = '◎';
        else if (rankOf(stage.rank) < rankOf(band.decider) && marks[stage.rank] !== '◎') marks[stage.rank] = '○';
      }
      const inBand = (s: StageDefinition) => s.minAmount === null || s.minAmount < (band.maxAmount ?? Infinity);
      rows.push({
        typeId: type.id,
        typeName: type.name,
        minAmount: type.authority.length ? band.minAmount : null,
        maxAmount: type.authority.length ? band.maxAmount : null,
        marks,
        consultations: type.stages.filter((s) => s.kind === 'consultation' && inBand(s)).map((s) => s.label),
        circulations: type.stages.filter((s) => s.kind === 'circulation' && inBand(s)).map((s) => s.label),
      });
    }
  }
  const ranks = POSITIONS.filter((p) => used.has(p)).reverse();
  return { ranks: [...ranks], rows, importantDecider: types[0]?.headRank ?? '町長' };
}
