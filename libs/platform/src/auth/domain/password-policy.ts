import type { PasswordClass, PasswordPolicyView } from '@yakuba/contracts';

export type PasswordPolicy = Omit<PasswordPolicyView, 'changeAtFirstSignIn'>;

const CLASS_TESTS: Record<PasswordClass, RegExp> = {
  lower: /\p{Ll}/u,
  upper: /\p{Lu}/u,
  digit: /\p{Nd}/u,
  // Anything that is not a letter or a digit: punctuation, symbols, spaces, and Japanese kana/kanji count here too
  // (they are neither upper- nor lower-case letters, and a passphrase in Japanese is a good one).
  symbol: /[^\p{Ll}\p{Lu}\p{Nd}]/u,
};

/** The classes a password contains. */
export function passwordClasses(password: string): PasswordClass[] {
  return (Object.keys(CLASS_TESTS) as PasswordClass[]).filter((c) => CLASS_TESTS[c].test(password));
}

/**
 * What is wrong with a new password under the policy (empty: acceptable). Length counts characters (code points),
 * not bytes, so a Japanese passphrase is measured as it reads. `reused` says whether it matched one of the last
 * `historyCount` passwords (checked by the caller against the stored hashes).
 */
export function passwordProblems(password: string, policy: PasswordPolicy, reused = false): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < policy.minLength) problems.push(`must be at least ${policy.minLength} characters`);
  const have = new Set(passwordClasses(password));
  const missing = policy.requiredClasses.filter((c) => !have.has(c));
  if (missing.length > 0) problems.push(`must contain ${missing.join(', ')} characters`);
  if (reused) problems.push(`must differ from the last ${Math.max(1, policy.historyCount)} passwords`);
  return problems;
}

/** How many stored hashes (newest first, the current one included) a new password must differ from. */
export const historyDepth = (policy: PasswordPolicy): number => Math.max(1, policy.historyCount);
