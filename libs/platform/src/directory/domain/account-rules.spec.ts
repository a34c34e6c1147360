import { accountChangeProblem, activeAdminsAfter, type AccountState } from './account-rules';

const admin = (id: string, active = true): AccountState => ({ id, roles: ['staff', 'admin'], active });
const staff = (id: string): AccountState => ({ id, roles: ['staff'], active: true });

describe('account rules', () => {
  it('refuses disabling yourself and dropping your own administrator role', () => {
    expect(accountChangeProblem('a', [{ before: admin('a'), after: { ...admin('a'), active: false } }], 1)).toEqual({
      reason: 'own_account_disabled',
      message: expect.stringMatching(/disable your own/),
    });
    expect(accountChangeProblem('a', [{ before: admin('a'), after: staff('a') }], 1)).toEqual({
      reason: 'own_admin_role_removed',
      message: expect.stringMatching(/own administrator role/),
    });
  });
  it('refuses any change that leaves no active administrator', () => {
    expect(accountChangeProblem('x', [{ before: admin('b'), after: staff('b') }], 0)).toEqual({
      reason: 'last_admin',
      message: expect.stringMatching(/at least one active administrator/),
    });
  });
  it('allows the rest', () => {
    expect(accountChangeProblem('a', [{ before: admin('b'), after: staff('b') }], 1)).toBeNull();
    expect(accountChangeProblem('a', [{ before: null, after: admin('n') }], 2)).toBeNull();
  });
  it('counts the active administrators after the changes', () => {
    const all = [admin('a'), admin('b'), staff('c'), admin('d', false)];
    expect(activeAdminsAfter(all, [])).toBe(2);
    expect(activeAdminsAfter(all, [{ after: staff('a') }, { after: { ...admin('b'), active: false } }])).toBe(0);
    expect(activeAdminsAfter(all, [{ after: admin('c') }])).toBe(3);
  });
});
