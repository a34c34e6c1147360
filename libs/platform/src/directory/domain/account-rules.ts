import type { Role } from '@yakuba/contracts';

/** An account as the rules see it, before or after a change. */
export interface AccountState {
  id: string;
  roles: readonly Role[];
  active: boolean;
}

/**
 * The rules every change to accounts obeys, whether it comes from the account screens or from a CSV import:
 * nobody disables their own account or takes away their own administrator role, and the town hall keeps at least
 * one active administrator. Returns what is wrong (the rule's name and an English sentence), or null.
 */
export function accountChangeProblem(
  actorId: string,
  changes: { before: AccountState | null; after: AccountState }[],
  activeAdminsAfter: number,
): AccountProblem | null {
  for (const { before, after } of changes) {
    if (after.id !== actorId || !before) continue;
    if (before.active && !after.active) return { reason: 'own_account_disabled', message: 'you cannot disable your own account' };
    if (before.roles.includes('admin') && !after.roles.includes('admin'))
      return { reason: 'own_admin_role_removed', message: 'you cannot remove your own administrator role' };
  }
  if (activeAdminsAfter < 1) return { reason: 'last_admin', message: 'the town hall must keep at least one active administrator' };
  return null;
}

export interface AccountProblem {
  reason: 'own_account_disabled' | 'own_admin_role_removed' | 'last_admin';
  message: string;
}

/** Active administrators once the changes are applied to the accounts as they were. */
export function activeAdminsAfter(all: readonly AccountState[], changes: readonly { after: AccountState }[]): number {
  const byId = new Map(all.map((a) => [a.id, a]));
  for (const { after } of changes) byId.set(after.id, after);
  return [...byId.values()].filter((a) => a.active && a.roles.includes('admin')).length;
}
