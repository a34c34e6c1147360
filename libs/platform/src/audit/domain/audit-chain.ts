import { createHash, randomUUID } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  data: unknown;
}

/** JSON with object keys sorted at every depth: jsonb does not keep key order, the hash must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** What an entry's hash covers besides the previous hash: its fields as canonical JSON. */
export function payloadOf(record: AuditRecord): string {
  return canonicalJson({
    id: String(record.id),
    at: record.at.toISOString(),
    actorId: record.actorId,
    action: record.action,
    targetType: record.targetType,
    targetId: record.targetId,
    ip: record.ip,
    data: record.data,
  });
}

export function hashEntry(prevHash: string, record: AuditRecord): string {
  return createHash('sha256').update(prevHash).update('\n').update(payloadOf(record)).digest('hex');
}

/**
 * The payload of an entry whose id is not known yet (it is the chain's next number, read under the chain's lock):
 * `head + id + tail` is `payloadOf` of the record with that id. The database appends with it in one statement
 * (sha256 of `prevHash + '\n' + payload`, as `hashEntry`), so the lock is not held across a round trip to the server.
 */
export function payloadAroundId(record: Omit<AuditRecord, 'id'>): { head: string; tail: string } {
  const marker = `id-${randomUUID()}`;
  const parts = payloadOf({ ...record, id: marker }).split(marker);
  if (parts.length !== 2) throw new Error('audit payload: the id marker is not unique');
  return { head: parts[0], tail: parts[1] };
}

export type ChainVerdict = { valid: true; checked: number } | { valid: false; checked: number; brokenAtId: string; reason: string };

type Chained = AuditRecord & { prevHash: string; hash: string };

/**
 * Checks entries fed in id order, one at a time (the log grows without bound; memory stays flat). A changed entry
 * breaks its own hash; a deleted one breaks the next entry's link or leaves a gap in the ids (assigned 1, 2, 3, ...
 * under a lock).
 */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  private expectedId = 1n;
  private checked = 0;
  private broken: ChainVerdict | undefined;

  /** Returns false once the chain is found broken. */
  push(entry: Chained): boolean {
    if (this.broken) return false;
    const id = BigInt(entry.id);
    const fail = (reason: string) => {
      this.broken = { valid: false, checked: this.checked, brokenAtId: String(entry.id), reason };
      return false;
    };
    if (id !== this.expectedId) return fail(`entry ${this.expectedId} is missing`);
    if (entry.prevHash !== this.prev) return fail('link to the previous entry is broken');
    if (hashEntry(this.prev, entry) !== entry.hash) return fail('entry content was changed');
    this.prev = entry.hash;
    this.expectedId += 1n;
    this.checked += 1;
    return true;
  }

  result(): ChainVerdict {
    return this.broken ?? { valid: true, checked: this.checked };
  }
}

export function verifyChain(entries: Iterable<Chained>): ChainVerdict {
  const verifier = new ChainVerifier();
  for (const entry of entries) if (!verifier.push(entry)) break;
  return verifier.result();
}
