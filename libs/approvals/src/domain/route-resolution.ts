import {
  DomainError,
  POSITIONS,
  type AuthorityRow,
  type ExtraStageInput,
  type Position,
  type StageDefinition,
  type StageKind,
  type StageMode,
} from '@yakuba/contracts';

/** One stage of a resolved route: who, how, and whether it gives the final decision (決裁). */
export interface ResolvedStage {
  key: string;
  label: string;
  kind: StageKind;
  mode: StageMode;
  rank: Position | null;
  decision: boolean;
  afterDecision: boolean;
  addedByDrafter: boolean;
  approverIds: string[];
}

/** The parts of a document type route resolution reads. */
export interface RouteTemplate {
  stages: StageDefinition[];
  authority: AuthorityRow[];
  headRank: Position;
}

export interface RouteRequest {
  drafterId: string;
  drafterDepartmentId: string | null;
  amount: number | null;
  important: boolean;
  unusual: boolean;
  extraStages: ExtraStageInput[];
}

/** Who holds a position in a department (active staff), as the directory knows it. */
export type PositionHolders = (departmentId: string, position: Position) => string[];

/** Who holds a position anywhere in the organisation (the head: the 町長). */
export type OrganisationHolders = (position: Position) => string[];

export const rankOf = (position: Position): number => POSITIONS.indexOf(position);

/**
 * 専決: the rank that decides a draft of this amount. 重要 / 異例 drafts go to the head whatever the amount; a type
 * without authority rows is decided by the last approval stage of its template (null here).
 */
export function deciderRank(template: RouteTemplate, request: Pick<RouteRequest, 'amount' | 'important' | 'unusual'>): Position | null {
  if (request.important || request.unusual) return template.headRank;
  const amount = request.amount ?? 0;
  const row = template.authority.find((r) => amount >= r.minAmount && (r.maxAmount === null || amount < r.maxAmount));
  return row?.decider ?? null;
}

/**
 * Resolves a type's route template for one draft:
 * 1. stages whose amount condition is not met drop out (approval stages stay for 重要 / 異例: the head is reached
 *    through the whole line);
 * 2. approvers are resolved (person, position in the drafter's department, position in a named department); the
 *    drafter never approves their own draft, and a stage left without anyone drops out (a 課長 drafting skips the
 *    課長 stage);
 * 3. 専決 picks the decision stage: the last approval stage of the decider's rank, else the first of a higher rank,
 *    else the last approval stage; approval stages after it drop out (the decision is final there), 合議 and
 *    供覧 before it stay, and 供覧 marked `afterDecision` follow it;
 * 4. the drafter's own 合議 stages go just before the decision stage.
 * A 重要 / 異例 draft whose template has no stage of the head's rank (or above) is decided by the head all the same:
 * a stage of the head (whoever holds `headRank` in the organisation) is added after the whole line as the decision
 * stage, so the route, its preview and the 別表 agree that the head decides. Only a draft the head drafts
 * themself, with no one above, is decided by the last stage of the line.
 */
export function resolveRoute(
  template: RouteTemplate,
  request: RouteRequest,
  holders: PositionHolders,
  organisation: OrganisationHolders,
): ResolvedStage[] {
  const escalated = request.important || request.unusual;
  const amount = request.amount ?? 0;
  const resolved: ResolvedStage[] = [];
  for (const def of template.stages) {
    const applies = def.minAmount === null || amount >= def.minAmount || (escalated && def.kind === 'approval');
    if (!applies) continue;
    const approverIds = unique(
      def.approvers.flatMap((spec) => {
        switch (spec.kind) {
          case 'user':
            return [spec.userId];
          case 'drafter_department_position':
            return request.drafterDepartmentId ? holders(request.drafterDepartmentId, spec.position) : [];
          case 'department_position':
            return holders(spec.departmentId, spec.position);
        }
      }),
    ).filter((id) => id !== request.drafterId);
    if (!approverIds.length) continue;
    resolved.push({
      key: def.key,
      label: def.label,
      kind: def.kind,
      mode: def.kind === 'approval' && def.mode === 'sequential' ? 'sequential' : def.mode,
      rank: def.kind === 'approval' ? def.rank : null,
      decision: false,
      afterDecision: def.kind === 'circulation' && def.afterDecision,
      addedByDrafter: false,
      approverIds,
    });
  }
  const approvalIndexes = resolved.flatMap((s, i) => (s.kind === 'approval' ? [i] : []));
  if (!approvalIndexes.length) throw new DomainError('unprocessable', 'the route has no approver: check the type and the directory');
  const rank = deciderRank(template, request);
  let decisionIndex = approvalIndexes[approvalIndexes.length - 1];
  if (rank) {
    const exact = approvalIndexes.filter((i) => resolved[i].rank === rank);
    const higher = approvalIndexes.filter((i) => resolved[i].rank && rankOf(resolved[i].rank) > rankOf(rank));
    decisionIndex = exact.length ? exact[exact.length - 1] : higher.length ? higher[0] : decisionIndex;
    if (escalated && !exact.length && !higher.length) {
      const heads = unique(organisation(template.headRank));
      const others = heads.filter((id) => id !== request.drafterId);
      if (!heads.length)
        throw new DomainError('unprocessable', `重要・異例 go to the ${template.headRank}, and no one holds that position`);
      if (others.length) {
        const lastApproval = decisionIndex;
        resolved.splice(lastApproval + 1, 0, {
          key: 'escalated-head',
          label: template.headRank,
          kind: 'approval',
          mode: others.length > 1 ? 'any' : 'sequential',
          rank: template.headRank,
          decision: false,
          afterDecision: false,
          addedByDrafter: false,
          approverIds: others,
        });
        decisionIndex = lastApproval + 1;
      }
    }
  }
  const before = resolved.slice(0, decisionIndex).filter((s) => !s.afterDecision);
  const decision = { ...resolved[decisionIndex], decision: true };
  const after = resolved.filter((s) => s.afterDecision);
  const extras: ResolvedStage[] = request.extraStages.map((extra, i) => {
    const approverIds = unique(extra.approverIds).filter((id) => id !== request.drafterId);
    if (!approverIds.length) throw new DomainError('bad_request', `extraStages[${i}]: needs an approver other than the drafter`);
    return {
      key: `extra-${i + 1}`,
      label: extra.label,
      kind: 'consultation',
      mode: extra.mode,
      rank: null,
      decision: false,
      afterDecision: false,
      addedByDrafter: true,
      approverIds,
    };
  });
  return [...before, ...extras, decision, ...after];
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
