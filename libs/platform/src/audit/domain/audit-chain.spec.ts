import { createHash } from 'node:crypto';
import { GENESIS_HASH, canonicalJson, hashEntry, payloadAroundId, payloadOf, verifyChain, type AuditRecord } from './audit-chain';

function chain(n: number) {
  const out: (AuditRecord & { prevHash: string; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const rec: AuditRecord = {
      id: String(i),
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorId: null,
      action: 'auth.login',
      targetType: 'user',
      targetId: `u${i}`,
      ip: '127.0.0.1',
      data: { b: 1, a: [i] },
    };
    const hash = hashEntry(prev, rec);
    out.push({ ...rec, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit chain', () => {
  it('splits a payload around the id it will get, whatever the data holds (the database appends with it)', () => {
    const record = {
      at: new Date(Date.UTC(2026, 10, 30, 1, 2, 3, 456)),
      actorId: '00000000-0000-4000-8000-000000000001',
      action: 'approval.approve',
      targetType: 'approval',
      targetId: 'x',
      ip: null,
      data: { id: '42', comment: '決裁します "id":"7" \n', nested: { at: 'id-' } },
    };
    const { head, tail } = payloadAroundId(record);
    for (const id of ['1', '42', '9007199254740993']) {
      const full = { ...record, id };
      expect(head + id + tail).toBe(payloadOf(full));
      const sqlHash = createHash('sha256').update(`${GENESIS_HASH}\n${head}${id}${tail}`, 'utf8').digest('hex');
      expect(sqlHash).toBe(hashEntry(GENESIS_HASH, full));
    }
  });
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: { d: 1, c: 2 }, a: null })).toBe('{"a":null,"b":{"c":2,"d":1}}');
  });
  it('accepts an intact chain', () => {
    expect(verifyChain(chain(5))).toEqual({ valid: true, checked: 5 });
  });
  it('detects a changed entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], action: 'auth.logout' };
    expect(verifyChain(entries)).toMatchObject({ valid: false, brokenAtId: '3', reason: 'entry content was changed' });
  });
  it('detects a deleted entry', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toMatchObject({ valid: false, brokenAtId: '3' });
  });
});
