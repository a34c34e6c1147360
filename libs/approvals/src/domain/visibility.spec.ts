import { canSee, type VisibilityFacts, type Viewer } from './visibility';

const facts = (over: Partial<VisibilityFacts> = {}): VisibilityFacts => ({
  status: 'in_progress',
  drafterId: 'd',
  departmentId: 'somu',
  routeIds: ['r'],
  actorIds: ['x'],
  waitingIds: ['r'],
  ...over,
});
const viewer = (id: string, over: Partial<Viewer> = {}): Viewer => ({ id, departmentId: 'other', readsAll: false, proxyFor: [], ...over });

describe('approval visibility', () => {
  it('drafted, must act on, acted on', () => {
    for (const id of ['d', 'r', 'x']) expect(canSee(facts(), viewer(id))).toBe(true);
    expect(canSee(facts(), viewer('stranger'))).toBe(false);
  });

  it('the proxy of an absent approver it waits for', () => {
    expect(canSee(facts(), viewer('p', { proxyFor: ['r'] }))).toBe(true);
    expect(canSee(facts(), viewer('p', { proxyFor: ['someone'] }))).toBe(false);
  });

  it('by department or role once submitted; a draft is the drafter own', () => {
    expect(canSee(facts(), viewer('colleague', { departmentId: 'somu' }))).toBe(true);
    expect(canSee(facts(), viewer('admin', { readsAll: true }))).toBe(true);
    expect(canSee(facts({ status: 'draft' }), viewer('colleague', { departmentId: 'somu' }))).toBe(false);
    expect(canSee(facts({ status: 'draft' }), viewer('admin', { readsAll: true }))).toBe(false);
    expect(canSee(facts({ departmentId: null }), viewer('nodept', { departmentId: null }))).toBe(false);
  });
});
