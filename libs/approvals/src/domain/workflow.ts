import {
  DomainError,
  type ApprovalActionName,
  type ApprovalHistoryKind,
  type ApprovalStatus,
  type ApproverState,
  type StageState,
} from '@yakuba/contracts';
import type { ResolvedStage } from './route-resolution';

export interface ApproverRun {
  userId: string;
  state: ApproverState;
  actedAt: string | null;
  /** 代決: who acted on this approver's behalf. */
  proxyId: string | null;
}

export interface StageRun extends Omit<ResolvedStage, 'approverIds'> {
  state: StageState;
  /** A 合議 stage that approved before a substantive change: it must approve again. */
  needsReapproval: boolean;
  approvers: ApproverRun[];
}

/** 後閲: open until the absent approver has reviewed the 代決 done for them. */
export interface ReviewTask {
  id: string;
  stage: number;
  approverId: string;
  proxyId: string;
  createdAt: string;
  doneAt: string | null;
}

/** The whole state of one approval's workflow: kept in one row, changed only by the transitions below. */
export interface Workflow {
  status: ApprovalStatus;
  version: number;
  drafterId: string;
  /** 重要 or 異例: no 代決, the head decides. */
  escalated: boolean;
  currentStage: number | null;
  route: StageRun[];
  reviews: ReviewTask[];
  /** Approvals given on the route since the last (re)submission: the drafter may withdraw while it is 0. */
  actedSinceSubmit: number;
  submittedOnce: boolean;
}

/** What one transition adds to the history. */
export interface HistoryEntry {
  kind: ApprovalHistoryKind;
  stage: number | null;
  actorId: string;
  onBehalfOfId: string | null;
  toStage: number | null;
}

export interface Transition {
  workflow: Workflow;
  entry: HistoryEntry;
  /** The final decision was given by this transition: number the document. */
  decided: boolean;
  /** A 後閲 task this transition opened. */
  openedReview: ReviewTask | null;
}

export interface ActionRequest {
  action: ApprovalActionName;
  actorId: string;
  at: Date;
  toStage?: number | null;
  comment?: string | null;
  /** The designated proxy of an approver registered absent right now (null when present). */
  proxyOf: (approverId: string) => string | null;
}

const EDITABLE: readonly ApprovalStatus[] = ['draft', 'sent_back', 'withdrawn'];

export const isEditable = (status: ApprovalStatus): boolean => EDITABLE.includes(status);

export function newWorkflow(drafterId: string, escalated: boolean, route: ResolvedStage[]): Workflow {
  return {
    status: 'draft',
    version: 1,
    drafterId,
    escalated,
    currentStage: null,
    route: route.map(toRun),
    reviews: [],
    actedSinceSubmit: 0,
    submittedOnce: false,
  };
}

function toRun({ approverIds, ...stage }: ResolvedStage): StageRun {
  return {
    ...stage,
    state: 'pending',
    needsReapproval: false,
    approvers: approverIds.map((userId) => ({ userId, state: 'pending', actedAt: null, proxyId: null })),
  };
}

/** The type, amount, flags or added 合議 changed: a new route, every stage to do again. */
export function reroute(workflow: Workflow, escalated: boolean, route: ResolvedStage[]): Workflow {
  assertEditable(workflow);
  return { ...workflow, escalated, route: route.map(toRun), version: workflow.version + 1 };
}

/**
 * The substance (title, body, amount, attachments) changed while the draft was back with the drafter: every 合議
 * stage that had approved must approve again; the drafter's own line keeps its approvals.
 */
export function markSubstantiveChange(workflow: Workflow): Workflow {
  assertEditable(workflow);
  const route = workflow.route.map((stage) =>
    stage.kind === 'consultation' && stage.state === 'done'
      ? { ...stage, state: 'pending' as const, needsReapproval: true, approvers: stage.approvers.map(resetApprover) }
      : stage,
  );
  return { ...workflow, route, version: workflow.version + 1 };
}

/**
 * The substance (an attachment) changed while the draft circulates: the same rule as a change while it is back with
 * the drafter. Every 合議 stage that approved what has now changed approves again: one already done goes back to
 * pending (`needsReapproval`) and the circulation returns to the first such stage (the stage it left is reset, as a
 * send-back to that stage would), then runs on through the stages not done; a 合議 stage under way starts over.
 * Approval stages keep what they gave, as they do on a change while it is back with the drafter.
 */
export function markSubstantiveChangeInProgress(workflow: Workflow): Workflow {
  if (workflow.status !== 'in_progress' || workflow.currentStage === null)
    throw new DomainError('conflict', `a draft that is ${workflow.status} cannot be changed`);
  const current = workflow.currentStage;
  const actedOn = (stage: StageRun) =>
    stage.approvers.some((a) => a.state === 'approved' || a.state === 'seen' || a.state === 'proxy_approved');
  const again = workflow.route.flatMap((stage, i) =>
    stage.kind === 'consultation' && ((i < current && stage.state === 'done') || (i === current && actedOn(stage))) ? [i] : [],
  );
  if (!again.length) return { ...workflow, version: workflow.version + 1 };
  const back = again[0];
  const route = workflow.route.map((stage, i) => {
    const reset = { ...stage, approvers: stage.approvers.map(resetApprover), needsReapproval: again.includes(i) };
    if (i === back) return activate({ ...reset, state: 'pending' });
    if (again.includes(i) || i === current) return { ...reset, state: 'pending' as const };
    return stage;
  });
  return { ...workflow, route, currentStage: back, version: workflow.version + 1 };
}

/** A plain edit that changes no approval (e.g. a draft never submitted). */
export function touch(workflow: Workflow): Workflow {
  assertEditable(workflow);
  return { ...workflow, version: workflow.version + 1 };
}

export function submit(workflow: Workflow, actorId: string, at: Date): Transition {
  if (actorId !== workflow.drafterId) throw new DomainError('forbidden', 'only the drafter submits');
  assertEditable(workflow);
  const start = workflow.route.findIndex((s) => !s.afterDecision && s.state !== 'done');
  if (start < 0) throw new DomainError('conflict', 'nothing left to approve');
  const next: Workflow = {
    ...workflow,
    status: 'in_progress',
    version: workflow.version + 1,
    currentStage: start,
    actedSinceSubmit: 0,
    submittedOnce: true,
    route: workflow.route.map((s, i) => (i === start ? activate(s) : s)),
  };
  void at;
  const kind = workflow.submittedOnce ? 'resubmit' : 'submit';
  return { workflow: next, entry: entry(kind, null, actorId), decided: false, openedReview: null };
}

export function act(workflow: Workflow, request: ActionRequest): Transition {
  switch (request.action) {
    case 'approve':
      return approve(workflow, request);
    case 'proxy_approve':
      return proxyApprove(workflow, request);
    case 'reject':
      return reject(workflow, request);
    case 'send_back':
      return sendBack(workflow, request);
    case 'withdraw':
      return withdraw(workflow, request);
    case 'comment':
      return comment(workflow, request);
    case 'review':
      return review(workflow, request);
  }
}

function approve(workflow: Workflow, { actorId, at }: ActionRequest): Transition {
  const found = findWaiting(workflow, actorId);
  if (!found) throw notYourTurn(workflow);
  const { stageIndex, approverIndex } = found;
  const stage = workflow.route[stageIndex];
  const state: ApproverState = stage.kind === 'circulation' ? 'seen' : 'approved';
  return advanceAfter(
    workflow,
    stageIndex,
    approverIndex,
    { state, actedAt: at.toISOString(), proxyId: null },
    entry('approve', stageIndex, actorId),
  );
}

function proxyApprove(workflow: Workflow, { actorId, at, proxyOf }: ActionRequest): Transition {
  if (workflow.status !== 'in_progress' || workflow.currentStage === null) throw notYourTurn(workflow);
  if (workflow.escalated)
    throw new DomainError('forbidden', '重要・異例の案件は代決できません (no proxy decision for important or unusual drafts)');
  // Designated as someone's proxy, the drafter would approve their own draft in the absent approver's name.
  if (actorId === workflow.drafterId)
    throw new DomainError(
      'forbidden',
      '起案者は自分の起案を代決できません (the drafter never gives the proxy decision on their own draft)',
    );
  const stageIndex = workflow.currentStage;
  const stage = workflow.route[stageIndex];
  const approverIndex = stage.approvers.findIndex((a) => a.state === 'waiting' && proxyOf(a.userId) === actorId);
  if (approverIndex < 0) throw new DomainError('forbidden', 'proxy decision only for an absent approver whose designated proxy you are');
  const absent = stage.approvers[approverIndex].userId;
  const state: ApproverState = stage.kind === 'circulation' ? 'seen' : 'proxy_approved';
  const transition = advanceAfter(
    workflow,
    stageIndex,
    approverIndex,
    { state, actedAt: at.toISOString(), proxyId: actorId },
    { kind: 'proxy_approve', stage: stageIndex, actorId, onBehalfOfId: absent, toStage: null },
  );
  const task: ReviewTask = {
    id: `r${workflow.reviews.length + 1}`,
    stage: stageIndex,
    approverId: absent,
    proxyId: actorId,
    createdAt: at.toISOString(),
    doneAt: null,
  };
  return { ...transition, workflow: { ...transition.workflow, reviews: [...workflow.reviews, task] }, openedReview: task };
}

function reject(workflow: Workflow, { actorId, at }: ActionRequest): Transition {
  const found = findWaiting(workflow, actorId);
  if (!found || workflow.status !== 'in_progress' || workflow.route[found.stageIndex].kind === 'circulation') throw notYourTurn(workflow);
  const route = setApprover(workflow.route, found.stageIndex, found.approverIndex, { state: 'rejected', actedAt: at.toISOString() });
  return {
    workflow: { ...workflow, route, status: 'rejected', currentStage: null, version: workflow.version + 1 },
    entry: entry('reject', found.stageIndex, actorId),
    decided: false,
    openedReview: null,
  };
}

function sendBack(workflow: Workflow, { actorId, at, toStage }: ActionRequest): Transition {
  const found = findWaiting(workflow, actorId);
  if (!found || workflow.status !== 'in_progress' || workflow.route[found.stageIndex].kind === 'circulation') throw notYourTurn(workflow);
  const from = found.stageIndex;
  if (toStage !== null && toStage !== undefined && (!Number.isInteger(toStage) || toStage < 0 || toStage >= from))
    throw new DomainError('bad_request', `toStage: an earlier stage (0 to ${from - 1}) or null for the drafter`);
  let route = setApprover(workflow.route, from, found.approverIndex, { state: 'sent_back', actedAt: at.toISOString() });
  const target = toStage ?? null;
  const resetFrom = target ?? from;
  route = route.map((s, i) =>
    i >= resetFrom && i <= from ? { ...s, state: 'pending' as const, approvers: s.approvers.map(resetApprover) } : s,
  );
  const history = { kind: 'send_back' as const, stage: from, actorId, onBehalfOfId: null, toStage: target };
  if (target === null) {
    return {
      workflow: { ...workflow, route, status: 'sent_back', currentStage: null, version: workflow.version + 1 },
      entry: history,
      decided: false,
      openedReview: null,
    };
  }
  route = route.map((s, i) => (i === target ? activate(s) : s));
  return {
    workflow: { ...workflow, route, currentStage: target, version: workflow.version + 1 },
    entry: history,
    decided: false,
    openedReview: null,
  };
}

function withdraw(workflow: Workflow, { actorId }: ActionRequest): Transition {
  if (actorId !== workflow.drafterId) throw new DomainError('forbidden', 'only the drafter withdraws a draft');
  if (workflow.status !== 'in_progress') throw new DomainError('conflict', `a draft that is ${workflow.status} cannot be withdrawn`);
  if (workflow.actedSinceSubmit > 0) throw new DomainError('conflict', 'the next approver has already acted: ask them to send it back');
  const current = workflow.currentStage;
  const route = workflow.route.map((s, i) =>
    i === current ? { ...s, state: 'pending' as const, approvers: s.approvers.map(resetApprover) } : s,
  );
  return {
    workflow: { ...workflow, route, status: 'withdrawn', currentStage: null, version: workflow.version + 1 },
    entry: entry('withdraw', current, actorId),
    decided: false,
    openedReview: null,
  };
}

function comment(workflow: Workflow, { actorId, comment: text }: ActionRequest): Transition {
  if (!text?.trim()) throw new DomainError('bad_request', 'comment: required for a comment');
  if (!isParticipant(workflow, actorId)) throw new DomainError('forbidden', 'only the drafter and the people on the route comment');
  return {
    workflow: { ...workflow, version: workflow.version + 1 },
    entry: entry('comment', workflow.currentStage, actorId),
    decided: false,
    openedReview: null,
  };
}

function review(workflow: Workflow, { actorId, at }: ActionRequest): Transition {
  const index = workflow.reviews.findIndex((r) => r.approverId === actorId && r.doneAt === null);
  if (index < 0) throw new DomainError('forbidden', 'no after-the-fact review (後閲) is waiting for you here');
  const reviews = workflow.reviews.map((r, i) => (i === index ? { ...r, doneAt: at.toISOString() } : r));
  return {
    workflow: { ...workflow, reviews, version: workflow.version + 1 },
    entry: entry('review', workflow.reviews[index].stage, actorId),
    decided: false,
    openedReview: null,
  };
}

/** Records one approver's act, then completes the stage and moves on as its mode says. */
function advanceAfter(
  workflow: Workflow,
  stageIndex: number,
  approverIndex: number,
  change: Partial<ApproverRun>,
  history: HistoryEntry,
): Transition {
  let route = setApprover(workflow.route, stageIndex, approverIndex, change);
  const stage = route[stageIndex];
  const acted = (a: ApproverRun) => a.state === 'approved' || a.state === 'seen' || a.state === 'proxy_approved';
  let complete: boolean;
  switch (stage.mode) {
    case 'sequential': {
      const nextIndex = stage.approvers.findIndex((a) => a.state === 'pending');
      complete = nextIndex < 0;
      if (!complete) route = setApprover(route, stageIndex, nextIndex, { state: 'waiting' });
      break;
    }
    case 'all':
      complete = stage.approvers.every(acted);
      break;
    case 'any':
      complete = true;
      route = route.map((s, i) =>
        i === stageIndex
          ? { ...s, approvers: s.approvers.map((a) => (a.state === 'waiting' ? { ...a, state: 'skipped' as const } : a)) }
          : s,
      );
      break;
  }
  const base = { ...workflow, route, version: workflow.version + 1, actedSinceSubmit: workflow.actedSinceSubmit + 1 };
  if (!complete) return { workflow: base, entry: history, decided: false, openedReview: null };
  base.route = base.route.map((s, i) => (i === stageIndex ? { ...s, state: 'done' as const, needsReapproval: false } : s));
  if (workflow.status === 'decided') return { workflow: base, entry: history, decided: false, openedReview: null };
  if (stage.decision) {
    // 決裁: the after-decision 供覧 stages open together; nothing waits on them.
    base.route = base.route.map((s) => (s.afterDecision ? activate(s) : s));
    return { workflow: { ...base, status: 'decided', currentStage: null }, entry: history, decided: true, openedReview: null };
  }
  const next = base.route.findIndex((s, i) => i > stageIndex && !s.afterDecision && s.state !== 'done');
  if (next < 0) throw new Error('route without a decision stage');
  base.route = base.route.map((s, i) => (i === next ? activate(s) : s));
  return { workflow: { ...base, currentStage: next }, entry: history, decided: false, openedReview: null };
}

function activate(stage: StageRun): StageRun {
  let first = true;
  const approvers = stage.approvers.map((a) => {
    if (a.state !== 'pending') return a;
    if (stage.mode === 'sequential' && !first) return a;
    first = false;
    return { ...a, state: 'waiting' as const };
  });
  return { ...stage, state: 'active', approvers };
}

function resetApprover(a: ApproverRun): ApproverRun {
  return { ...a, state: 'pending', actedAt: null, proxyId: null };
}

function setApprover(route: StageRun[], stageIndex: number, approverIndex: number, change: Partial<ApproverRun>): StageRun[] {
  return route.map((s, i) =>
    i === stageIndex ? { ...s, approvers: s.approvers.map((a, j) => (j === approverIndex ? { ...a, ...change } : a)) } : s,
  );
}

/** The actor's waiting place: the current stage while in progress, an after-decision 供覧 once decided. */
function findWaiting(workflow: Workflow, actorId: string): { stageIndex: number; approverIndex: number } | null {
  const candidates =
    workflow.status === 'in_progress' && workflow.currentStage !== null
      ? [workflow.currentStage]
      : workflow.status === 'decided'
        ? workflow.route.flatMap((s, i) => (s.afterDecision ? [i] : []))
        : [];
  for (const stageIndex of candidates) {
    const approverIndex = workflow.route[stageIndex].approvers.findIndex((a) => a.userId === actorId && a.state === 'waiting');
    if (approverIndex >= 0) return { stageIndex, approverIndex };
  }
  return null;
}

function notYourTurn(workflow: Workflow): DomainError {
  return workflow.status === 'in_progress' || workflow.status === 'decided'
    ? new DomainError('forbidden', 'it is not your turn on this draft')
    : new DomainError('conflict', `the draft is ${workflow.status}`);
}

function assertEditable(workflow: Workflow): void {
  if (!isEditable(workflow.status)) throw new DomainError('conflict', `a draft that is ${workflow.status} cannot be changed`);
}

function entry(kind: ApprovalHistoryKind, stage: number | null, actorId: string): HistoryEntry {
  return { kind, stage, actorId, onBehalfOfId: null, toStage: null };
}

export function isParticipant(workflow: Workflow, userId: string): boolean {
  return userId === workflow.drafterId || workflow.route.some((s) => s.approvers.some((a) => a.userId === userId || a.proxyId === userId));
}

/** Who must act now (未決). */
export function waitingIds(workflow: Workflow): string[] {
  if (workflow.status !== 'in_progress' && workflow.status !== 'decided') return [];
  return [...new Set(workflow.route.flatMap((s) => s.approvers.filter((a) => a.state === 'waiting').map((a) => a.userId)))];
}

export function routeUserIds(workflow: Workflow): string[] {
  return [...new Set(workflow.route.flatMap((s) => s.approvers.flatMap((a) => (a.proxyId ? [a.userId, a.proxyId] : [a.userId]))))];
}

export function openReviewIds(workflow: Workflow): string[] {
  return [...new Set(workflow.reviews.filter((r) => r.doneAt === null).map((r) => r.approverId))];
}

/** The actions the UI offers this user now (each still checked again when sent). */
export function allowedActions(workflow: Workflow, userId: string, proxyOf: (approverId: string) => string | null): ApprovalActionName[] {
  const result: ApprovalActionName[] = [];
  const waiting = findWaiting(workflow, userId);
  if (waiting) {
    result.push('approve');
    if (workflow.status === 'in_progress' && workflow.route[waiting.stageIndex].kind !== 'circulation') result.push('reject', 'send_back');
  }
  if (userId === workflow.drafterId && workflow.status === 'in_progress' && workflow.actedSinceSubmit === 0) result.push('withdraw');
  if (isParticipant(workflow, userId)) result.push('comment');
  if (
    workflow.status === 'in_progress' &&
    !workflow.escalated &&
    userId !== workflow.drafterId &&
    workflow.currentStage !== null &&
    workflow.route[workflow.currentStage].approvers.some((a) => a.state === 'waiting' && proxyOf(a.userId) === userId)
  )
    result.push('proxy_approve');
  if (workflow.reviews.some((r) => r.approverId === userId && r.doneAt === null)) result.push('review');
  return result;
}
