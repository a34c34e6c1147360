import type { ApprovalActionName, StageKind, StageMode } from '@yakuba/contracts';
import type { ResolvedStage } from './route-resolution';
import {
  act,
  allowedActions,
  markSubstantiveChange,
  markSubstantiveChangeInProgress,
  newWorkflow,
  openReviewIds,
  reroute,
  submit,
  waitingIds,
  type ActionRequest,
  type Workflow,
} from './workflow';

const at = new Date('2026-11-30T01:00:00Z');
const stage = (
  key: string,
  approverIds: string[],
  kind: StageKind = 'approval',
  mode: StageMode = 'sequential',
  over: Partial<ResolvedStage> = {},
): ResolvedStage => ({
  key,
  label: key,
  kind,
  mode,
  rank: null,
  decision: false,
  afterDecision: false,
  addedByDrafter: false,
  approverIds,
  ...over,
});

const fourStages = () => [
  stage('kakari', ['k1']),
  stage('goghi', ['g1', 'g2'], 'consultation', 'all'),
  stage('kacho', ['c1']),
  stage('fuku', ['f1'], 'approval', 'sequential', { decision: true }),
];

const noAbsence = () => null;
const doAct = (w: Workflow, actorId: string, action: ApprovalActionName, over: Partial<ActionRequest> = {}) =>
  act(w, { action, actorId, at, proxyOf: noAbsence, ...over });
const submitted = (route = fourStages(), escalated = false) => submit(newWorkflow('d', escalated, route), 'd', at).workflow;
const approveAll = (w: Workflow, ...ids: string[]) => ids.reduce((x, id) => doAct(x, id, 'approve').workflow, w);

describe('workflow: submission', () => {
  it('a new draft waits for nobody; submitting starts the first stage', () => {
    const draft = newWorkflow('d', false, fourStages());
    expect(draft).toMatchObject({ status: 'draft', version: 1, currentStage: null });
    expect(waitingIds(draft)).toEqual([]);
    const t = submit(draft, 'd', at);
    expect(t.entry.kind).toBe('submit');
    expect(t.workflow).toMatchObject({ status: 'in_progress', version: 2, currentStage: 0 });
    expect(waitingIds(t.workflow)).toEqual(['k1']);
  });

  it('only the drafter submits, and only an editable draft', () => {
    expect(() => submit(newWorkflow('d', false, fourStages()), 'x', at)).toThrow(/drafter/);
    expect(() => submit(submitted(), 'd', at)).toThrow(/in_progress/);
  });
});

describe('workflow: stage modes', () => {
  it('sequential: one approver after another, then the next stage', () => {
    const w = submitted([stage('line', ['a', 'b']), stage('top', ['t'], 'approval', 'sequential', { decision: true })]);
    expect(waitingIds(w)).toEqual(['a']);
    expect(() => doAct(w, 'b', 'approve')).toThrow(/not your turn/);
    const afterA = doAct(w, 'a', 'approve').workflow;
    expect(waitingIds(afterA)).toEqual(['b']);
    const afterB = doAct(afterA, 'b', 'approve').workflow;
    expect(afterB.currentStage).toBe(1);
    expect(waitingIds(afterB)).toEqual(['t']);
  });

  it('合議 all-of: every approver, in any order', () => {
    const w = approveAll(submitted(), 'k1');
    expect(waitingIds(w).sort()).toEqual(['g1', 'g2']);
    const one = doAct(w, 'g2', 'approve').workflow;
    expect(one.currentStage).toBe(1);
    expect(waitingIds(one)).toEqual(['g1']);
    expect(() => doAct(one, 'g2', 'approve')).toThrow(/not your turn/);
    expect(doAct(one, 'g1', 'approve').workflow.currentStage).toBe(2);
  });

  it('any-of: one approver suffices, the others are skipped', () => {
    const w = submitted([
      stage('any', ['a', 'b', 'c'], 'consultation', 'any'),
      stage('top', ['t'], 'approval', 'sequential', { decision: true }),
    ]);
    const t = doAct(w, 'b', 'approve').workflow;
    expect(t.currentStage).toBe(1);
    expect(t.route[0].approvers.map((a) => a.state)).toEqual(['skipped', 'approved', 'skipped']);
    expect(() => doAct(t, 'a', 'approve')).toThrow(/not your turn/);
  });

  it('供覧 stages need only to be seen; after-decision 供覧 open once decided', () => {
    const w = submitted([
      stage('see', ['s'], 'circulation', 'all'),
      stage('top', ['t'], 'approval', 'sequential', { decision: true }),
      stage('notice', ['n1', 'n2'], 'circulation', 'all', { afterDecision: true }),
    ]);
    expect(allowedActions(w, 's', noAbsence)).toEqual(['approve', 'comment']);
    expect(() => doAct(w, 's', 'send_back')).toThrow(/not your turn/);
    const seen = doAct(w, 's', 'approve').workflow;
    expect(seen.route[0].approvers[0].state).toBe('seen');
    const decided = doAct(seen, 't', 'approve');
    expect(decided.decided).toBe(true);
    expect(decided.workflow.status).toBe('decided');
    expect(waitingIds(decided.workflow).sort()).toEqual(['n1', 'n2']);
    const noticed = doAct(decided.workflow, 'n1', 'approve');
    expect(noticed.decided).toBe(false);
    expect(noticed.workflow.status).toBe('decided');
    expect(noticed.workflow.route[2].approvers[0].state).toBe('seen');
    expect(() => doAct(noticed.workflow, 'n1', 'reject')).toThrow();
  });

  it('the decision stage decides; nothing acts after', () => {
    const t = doAct(approveAll(submitted(), 'k1', 'g1', 'g2', 'c1'), 'f1', 'approve');
    expect(t.decided).toBe(true);
    expect(t.workflow).toMatchObject({ status: 'decided', currentStage: null });
    expect(() => doAct(t.workflow, 'f1', 'approve')).toThrow(/not your turn/);
    expect(() => doAct(t.workflow, 'd', 'withdraw')).toThrow(/decided/);
  });
});

describe('workflow: reject, send back, withdraw', () => {
  it('reject ends the draft', () => {
    const t = doAct(approveAll(submitted(), 'k1'), 'g1', 'reject');
    expect(t.workflow).toMatchObject({ status: 'rejected', currentStage: null });
    expect(waitingIds(t.workflow)).toEqual([]);
    expect(() => submit(t.workflow, 'd', at)).toThrow(/rejected/);
  });

  it('send back to the drafter; resubmission resumes at the stage that sent it back and keeps the history', () => {
    const w = approveAll(submitted(), 'k1', 'g1', 'g2');
    const back = doAct(w, 'c1', 'send_back', { comment: '金額を確認' });
    expect(back.workflow).toMatchObject({ status: 'sent_back', currentStage: null });
    expect(back.entry).toMatchObject({ kind: 'send_back', stage: 2, toStage: null });
    const again = submit(back.workflow, 'd', at);
    expect(again.entry.kind).toBe('resubmit');
    expect(again.workflow.currentStage).toBe(2);
    expect(again.workflow.route[1].state).toBe('done');
  });

  it.each([0, 1, 2])('send back from the decision stage to earlier stage %i: that stage and the later ones act again', (to) => {
    const w = approveAll(submitted(), 'k1', 'g1', 'g2', 'c1');
    const back = doAct(w, 'f1', 'send_back', { toStage: to });
    expect(back.workflow).toMatchObject({ status: 'in_progress', currentStage: to });
    back.workflow.route.forEach((s, i) => expect(s.state).toBe(i < to ? 'done' : i === to ? 'active' : 'pending'));
    const expected = [['k1'], ['g1', 'g2'], ['c1']][to];
    expect(waitingIds(back.workflow).sort()).toEqual(expected);
  });

  it('refuses a send back to the current or a later stage', () => {
    const w = approveAll(submitted(), 'k1');
    expect(() => doAct(w, 'g1', 'send_back', { toStage: 1 })).toThrow(/toStage/);
    expect(() => doAct(w, 'g1', 'send_back', { toStage: -1 })).toThrow(/toStage/);
    expect(() => doAct(w, 'g1', 'send_back', { toStage: 0.5 })).toThrow(/toStage/);
  });

  it('withdraw: the drafter only, until the next approver acts', () => {
    const w = submitted();
    expect(() => doAct(w, 'k1', 'withdraw')).toThrow(/drafter/);
    expect(allowedActions(w, 'd', noAbsence)).toContain('withdraw');
    const back = doAct(w, 'd', 'withdraw');
    expect(back.workflow).toMatchObject({ status: 'withdrawn', currentStage: null });
    expect(waitingIds(back.workflow)).toEqual([]);
    expect(submit(back.workflow, 'd', at).workflow.currentStage).toBe(0);
    const acted = approveAll(w, 'k1');
    expect(allowedActions(acted, 'd', noAbsence)).not.toContain('withdraw');
    expect(() => doAct(acted, 'd', 'withdraw')).toThrow(/already acted/);
    expect(() => doAct(newWorkflow('d', false, fourStages()), 'd', 'withdraw')).toThrow(/draft/);
  });

  it('comments come from the drafter and the route only, and need text', () => {
    const w = submitted();
    expect(doAct(w, 'g1', 'comment', { comment: '了解' }).entry).toMatchObject({ kind: 'comment', stage: 0 });
    expect(() => doAct(w, 'g1', 'comment', { comment: ' ' })).toThrow(/comment/);
    expect(() => doAct(w, 'stranger', 'comment', { comment: 'x' })).toThrow(/route/);
  });
});

describe('workflow: 代決 and 後閲', () => {
  const absentC1 = (id: string) => (id === 'c1' ? 'p1' : null);
  const atKacho = () => approveAll(submitted(), 'k1', 'g1', 'g2');

  it('only the designated proxy, only while the approver is absent', () => {
    expect(() => doAct(atKacho(), 'p1', 'proxy_approve')).toThrow(/absent/);
    expect(() => doAct(atKacho(), 'x', 'proxy_approve', { proxyOf: absentC1 })).toThrow(/absent/);
    expect(allowedActions(atKacho(), 'p1', absentC1)).toEqual(['proxy_approve']);
  });

  it('marks 代決, opens a 後閲 task for the absent approver that stays open until reviewed', () => {
    const t = doAct(atKacho(), 'p1', 'proxy_approve', { proxyOf: absentC1 });
    expect(t.entry).toMatchObject({ kind: 'proxy_approve', actorId: 'p1', onBehalfOfId: 'c1', stage: 2 });
    expect(t.workflow.route[2].approvers[0]).toMatchObject({ state: 'proxy_approved', proxyId: 'p1' });
    expect(t.workflow.currentStage).toBe(3);
    expect(t.openedReview).toMatchObject({ approverId: 'c1', proxyId: 'p1', doneAt: null });
    expect(openReviewIds(t.workflow)).toEqual(['c1']);
    const decided = doAct(t.workflow, 'f1', 'approve').workflow;
    expect(openReviewIds(decided)).toEqual(['c1']);
    expect(() => doAct(decided, 'p1', 'review')).toThrow(/後閲/);
    const reviewed = doAct(decided, 'c1', 'review');
    expect(reviewed.entry).toMatchObject({ kind: 'review', stage: 2 });
    expect(openReviewIds(reviewed.workflow)).toEqual([]);
    expect(() => doAct(reviewed.workflow, 'c1', 'review')).toThrow(/後閲/);
  });

  it('never for 重要 or 異例 drafts', () => {
    const w = approveAll(submitted(fourStages(), true), 'k1', 'g1', 'g2');
    expect(() => doAct(w, 'p1', 'proxy_approve', { proxyOf: absentC1 })).toThrow(/代決/);
    expect(allowedActions(w, 'p1', absentC1)).toEqual([]);
  });

  it('never by the drafter, even as the designated proxy of the absent approver', () => {
    const absentC1ForDrafter = (id: string) => (id === 'c1' ? 'd' : null);
    expect(() => doAct(atKacho(), 'd', 'proxy_approve', { proxyOf: absentC1ForDrafter })).toThrow(/起案者/);
    expect(allowedActions(atKacho(), 'd', absentC1ForDrafter)).not.toContain('proxy_approve');
  });

  it('a 代決 of the decision stage decides', () => {
    const absentF1 = (id: string) => (id === 'f1' ? 'p2' : null);
    const t = doAct(approveAll(submitted(), 'k1', 'g1', 'g2', 'c1'), 'p2', 'proxy_approve', { proxyOf: absentF1 });
    expect(t.decided).toBe(true);
    expect(t.workflow.reviews).toHaveLength(1);
  });
});

describe('workflow: changes after 合議', () => {
  it('a substantive change after a 合議 stage approved makes it approve again; the drafter line keeps its approvals', () => {
    const back = doAct(approveAll(submitted(), 'k1', 'g1', 'g2'), 'c1', 'send_back').workflow;
    const changed = markSubstantiveChange(back);
    expect(changed.route[1]).toMatchObject({ state: 'pending', needsReapproval: true });
    expect(changed.route[0].state).toBe('done');
    const again = submit(changed, 'd', at).workflow;
    expect(again.currentStage).toBe(1);
    expect(waitingIds(again).sort()).toEqual(['g1', 'g2']);
    const after = approveAll(again, 'g1', 'g2');
    expect(after.route[1].needsReapproval).toBe(false);
    expect(after.currentStage).toBe(2);
  });

  it('a changed route (type, amount, flags, added 合議) starts over', () => {
    const back = doAct(approveAll(submitted(), 'k1'), 'g1', 'send_back').workflow;
    const rerouted = reroute(back, false, fourStages());
    expect(rerouted.route.every((s) => s.state === 'pending')).toBe(true);
    expect(submit(rerouted, 'd', at).workflow.currentStage).toBe(0);
  });

  it('nothing changes an approval in progress or decided', () => {
    expect(() => markSubstantiveChange(submitted())).toThrow(/in_progress/);
    expect(() => reroute(submitted(), false, fourStages())).toThrow(/in_progress/);
  });

  it('every transition bumps the version by exactly one', () => {
    let w = submitted();
    for (const id of ['k1', 'g1', 'g2', 'c1', 'f1']) {
      const next = doAct(w, id, 'approve').workflow;
      expect(next.version).toBe(w.version + 1);
      w = next;
    }
  });
});

describe('workflow: a change of substance while circulating (an attachment replaced)', () => {
  it('after a 合議 stage approved: back to that stage, which approves again; the approval line keeps its approvals', () => {
    const atKacho = approveAll(submitted(), 'k1', 'g1', 'g2');
    const changed = markSubstantiveChangeInProgress(atKacho);
    expect(changed).toMatchObject({ status: 'in_progress', currentStage: 1, version: atKacho.version + 1 });
    expect(changed.route[0]).toMatchObject({ state: 'done', needsReapproval: false });
    expect(changed.route[1]).toMatchObject({ state: 'active', needsReapproval: true });
    expect(changed.route[2]).toMatchObject({ state: 'pending', needsReapproval: false });
    expect(waitingIds(changed)).toEqual(['g1', 'g2']);
    expect(() => doAct(changed, 'c1', 'approve')).toThrow(/not your turn/);
    const again = approveAll(changed, 'g1', 'g2');
    expect(again.currentStage).toBe(2);
    expect(again.route[1]).toMatchObject({ state: 'done', needsReapproval: false });
    expect(doAct(again, 'c1', 'approve').workflow.currentStage).toBe(3);
  });

  it('during a 合議 stage: the approvals given so far are taken back', () => {
    const halfway = approveAll(submitted(), 'k1', 'g1');
    const changed = markSubstantiveChangeInProgress(halfway);
    expect(changed.currentStage).toBe(1);
    expect(changed.route[1]).toMatchObject({ state: 'active', needsReapproval: true });
    expect(changed.route[1].approvers.map((a) => a.state)).toEqual(['waiting', 'waiting']);
  });

  it('before any 合議 approved: nothing to approve again, only a new version', () => {
    const atKakari = submitted();
    const changed = markSubstantiveChangeInProgress(atKakari);
    expect(changed).toEqual({ ...atKakari, version: atKakari.version + 1 });
  });

  it('only while in progress', () => {
    expect(() => markSubstantiveChangeInProgress(newWorkflow('d', false, fourStages()))).toThrow(/draft/);
    const decided = approveAll(submitted(), 'k1', 'g1', 'g2', 'c1', 'f1');
    expect(() => markSubstantiveChangeInProgress(decided)).toThrow(/decided/);
  });
});
