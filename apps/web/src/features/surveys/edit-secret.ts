/**
 * The secret that lets a respondent change an anonymous answer until the survey closes. It is made here, from the
 * browser's cryptographic random source, and kept only in this browser's localStorage: the server never sees it
 * before the answer is stored and cannot derive it, so nobody (an administrator, the database) can tie the stored
 * answer to the person. Another device, a cleared browser or a private window has no secret and cannot edit.
 * Signing out forgets them all (forgetAllEditSecrets): on a shared tablet the next person must find no key that
 * opens someone else's answers.
 */
const PREFIX = 'yakuba.survey-secret';

const keyOf = (surveyId: string, userId: string) => `${PREFIX}:${userId}:${surveyId}`;

/** 32 random bytes as base64url (43 characters). */
export function newEditSecret(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function readEditSecret(surveyId: string, userId: string): string | null {
  try {
    return localStorage.getItem(keyOf(surveyId, userId));
  } catch {
    return null;
  }
}

/** False when the browser refuses storage (private mode): the answer can then not be edited later. */
export function keepEditSecret(surveyId: string, userId: string, secret: string): boolean {
  try {
    localStorage.setItem(keyOf(surveyId, userId), secret);
    return localStorage.getItem(keyOf(surveyId, userId)) === secret;
  } catch {
    return false;
  }
}

/** At sign-out: every survey secret this browser keeps for the account (`yakuba.survey-secret:<userId>:*`). */
export function forgetAllEditSecrets(userId: string, storage: Pick<Storage, 'length' | 'key' | 'removeItem'> = localStorage): number {
  try {
    const prefix = `${PREFIX}:${userId}:`;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(prefix)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
    return keys.length;
  } catch {
    return 0;
  }
}

export function forgetEditSecret(surveyId: string, userId: string): void {
  try {
    localStorage.removeItem(keyOf(surveyId, userId));
  } catch {
    /* nothing kept */
  }
}
