import { passwordClassesOf, passwordLength, type PasswordClass, type PasswordPolicyView } from '@yakuba/contracts';

export type PasswordPolicy = Omit<PasswordPolicyView, 'changeAtFirstSignIn'>;

/** The classes a password contains (the one list, shared with the web client's checklist). */
export const passwordClasses = (password: string): PasswordClass[] => passwordClassesOf(password);

/**
 * What is wrong with a new password under the policy (empty: acceptable). Length counts characters (code points),
 * not bytes, so a Japanese passphrase is measured as it reads. `reused` says whether it matched one of the last
 * `historyCount` passwords (checked by the caller against the stored hashes).
 */
export function passwordProblems(password: string, policy: PasswordPolicy, reused = false): string[] {
  const problems: string[] = [];
  const length = passwordLength(password);
  if (length < policy.minLength) problems.push(`must be at least ${policy.minLength} characters`);
  const have = new Set(passwordClasses(password));
  const missing = policy.requiredClasses.filter((c) => !have.has(c));
  if (missing.length > 0) problems.push(`must contain ${missing.join(', ')} characters`);
  if (reused) problems.push(`must differ from the last ${Math.max(1, policy.historyCount)} passwords`);
  return problems;
}

/** How many stored hashes (newest first, the current one included) a new password must differ from. */
export const historyDepth = (policy: PasswordPolicy): number => Math.max(1, policy.historyCount);
