/**
 * Same-site request forgery protection (OWASP: verify origin with standard headers, Fetch Metadata). A browser
 * attaches the session cookie to requests that any page of the same site makes — another port of the same host
 * included — so a state-changing request is accepted only when the browser says it comes from one of our origins.
 *
 * - `Sec-Fetch-Site` (sent by every current browser) must be `same-origin` when present.
 * - `Origin` (sent by browsers on every POST/PUT/PATCH/DELETE and on WebSocket handshakes) must be one of the public
 *   origins; without PUBLIC_ORIGINS configured, its host and port must be those the request was addressed to (the
 *   Host header), so that a page on another port of the same machine is refused while a TLS-terminating proxy that
 *   keeps the Host header needs no configuration.
 * - A request with neither header does not come from a browser page (curl, bots, the mobile client with a bearer
 *   token): nothing in it was forged by a page, so it is judged by its credential alone.
 */
export interface OriginFacts {
  origin?: string;
  secFetchSite?: string;
  /** The Host header: host and port the request was addressed to. */
  host?: string;
}

export type OriginVerdict = { allowed: true } | { allowed: false; reason: string };

export function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

export function judgeOrigin(facts: OriginFacts, publicOrigins: readonly string[]): OriginVerdict {
  if (facts.secFetchSite !== undefined && facts.secFetchSite !== 'same-origin') {
    return { allowed: false, reason: `cross-site request refused (Sec-Fetch-Site: ${facts.secFetchSite})` };
  }
  if (facts.origin === undefined) return { allowed: true };
  const origin = normaliseOrigin(facts.origin);
  const ours =
    publicOrigins.length > 0
      ? origin !== null && publicOrigins.includes(origin)
      : origin !== null && facts.host !== undefined && new URL(origin).host === facts.host.toLowerCase();
  return ours ? { allowed: true } : { allowed: false, reason: 'request from another origin refused' };
}

/** Media types a state-changing request may carry: JSON everywhere, multipart where a file is uploaded. */
export function acceptableBodyType(contentType: string | undefined, hasBody: boolean): boolean {
  if (!hasBody) return true;
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json' || type === 'multipart/form-data';
}
