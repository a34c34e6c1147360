import type { ApprovalStatus } from '@yakuba/contracts';

/** What the visibility rule reads of an approval. */
export interface VisibilityFacts {
  status: ApprovalStatus;
  drafterId: string;
  departmentId: string | null;
  /** Everyone on the route (and proxies who acted). */
  routeIds: readonly string[];
  /** Everyone who acted on it. */
  actorIds: readonly string[];
  waitingIds: readonly string[];
}

/** Who is looking: their department, whether their role reads every approval, whom they stand in for now. */
export interface Viewer {
  id: string;
  departmentId: string | null;
  readsAll: boolean;
  /** Approvers registered absent now whose designated proxy the viewer is. */
  proxyFor: readonly string[];
}

/**
 * Users see the drafts they drafted, must act on (on the route, or as the proxy of an absent approver it waits
 * for), or acted on; past the draft stage also every approval of their department, and all of them when their role
 * reads every approval (approvals.manage). A draft not yet submitted is the drafter's alone. Anything else is
 * "not found". `visibleSql` is the same rule for lists.
 */
export function canSee(a: VisibilityFacts, v: Viewer): boolean {
  if (a.drafterId === v.id || a.routeIds.includes(v.id) || a.actorIds.includes(v.id)) return true;
  if (a.waitingIds.some((id) => v.proxyFor.includes(id))) return true;
  if (a.status === 'draft') return false;
  return v.readsAll || (a.departmentId !== null && a.departmentId === v.departmentId);
}

/**
 * SQL form of `canSee` for approvals aliased `a`. Parameters: user id, department id (or null), reads-all boolean,
 * proxy-for uuid array.
 */
export function visibleSql(a: string, user: string, department: string, readsAll: string, proxyFor: string): string {
  return `(${a}.drafter_id = ${user} OR ${a}.route_ids @> ARRAY[${user}::uuid] OR ${a}.actor_ids @> ARRAY[${user}::uuid]
    OR ${a}.waiting_ids && ${proxyFor}::uuid[]
    OR (${a}.status <> 'draft' AND (${readsAll} OR ${a}.department_id = ${department})))`;
}
