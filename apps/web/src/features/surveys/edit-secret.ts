/**
 * The secret that lets a respondent change an anonymous answer until the survey closes. It is made here, from the
 * browser's cryptographic random source, and kept only in this browser's localStorage: the server never sees it
 * before the answer is stored and cannot derive it, so nobody (an administrator, the database) can tie the stored
 * answer to the person. Another device, a cleared browser or a private window has no secret and cannot edit.
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

export function forgetEditSecret(surveyId: string, userId: string): void {
  try {
    localStorage.removeItem(keyOf(surveyId, userId));
  } catch {
    /* nothing kept */
  }
}
