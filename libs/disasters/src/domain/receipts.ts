import type { AckDepartmentRow, UrgentCounts, UrgentReceiptState, UrgentReceiptView } from '@yakuba/contracts';

/** One recipient's stored receipt (absent: nothing reached them yet). */
export interface ReceiptFacts {
  userId: string;
  deliveredAt: Date | null;
  openedAt: Date | null;
  acknowledgedAt: Date | null;
}

/** The furthest of the three states: a person who acknowledged has opened and received it. */
export function receiptState(r: Pick<ReceiptFacts, 'deliveredAt' | 'openedAt' | 'acknowledgedAt'> | undefined): UrgentReceiptState {
  if (!r) return 'pending';
  if (r.acknowledgedAt) return 'acknowledged';
  if (r.openedAt) return 'opened';
  if (r.deliveredAt) return 'delivered';
  return 'pending';
}

export function toReceiptView(messageId: string, userId: string, r: ReceiptFacts | undefined): UrgentReceiptView {
  return {
    messageId,
    userId,
    state: receiptState(r),
    deliveredAt: r?.deliveredAt?.toISOString() ?? null,
    openedAt: r?.openedAt?.toISOString() ?? null,
    acknowledgedAt: r?.acknowledgedAt?.toISOString() ?? null,
  };
}

/**
 * The recipients of an urgent message: the channel's current members except its author and the system account
 * (a member who joined later is asked too; one who left is no longer counted).
 */
export function recipientsOf(memberIds: readonly string[], authorId: string, systemId: string): string[] {
  return [...new Set(memberIds)].filter((id) => id !== authorId && id !== systemId);
}

/** Counts over the recipients only: each person once, in the furthest state they reached. */
export function countReceipts(recipients: readonly string[], receipts: ReadonlyMap<string, ReceiptFacts>): UrgentCounts {
  const counts: UrgentCounts = { total: recipients.length, delivered: 0, opened: 0, acknowledged: 0 };
  for (const id of recipients) {
    const r = receipts.get(id);
    if (r?.deliveredAt) counts.delivered++;
    if (r?.openedAt) counts.opened++;
    if (r?.acknowledgedAt) counts.acknowledged++;
  }
  return counts;
}

export interface PersonFacts {
  id: string;
  departmentId: string | null;
}

export interface DepartmentFacts {
  id: string;
  name: string;
  sortOrder: number;
}

/** The acknowledgement board: one row per department (in the directory's order, then 所属なし), with who is pending. */
export function ackBoard(
  recipients: readonly PersonFacts[],
  receipts: ReadonlyMap<string, ReceiptFacts>,
  departments: readonly DepartmentFacts[],
): AckDepartmentRow[] {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const rows = new Map<string | null, AckDepartmentRow>();
  for (const person of recipients) {
    const key = person.departmentId !== null && byId.has(person.departmentId) ? person.departmentId : null;
    let row = rows.get(key);
    if (!row) {
      row = {
        departmentId: key,
        departmentName: key ? byId.get(key)!.name : '所属なし',
        total: 0,
        delivered: 0,
        opened: 0,
        acknowledged: 0,
        pending: [],
      };
      rows.set(key, row);
    }
    const r = receipts.get(person.id);
    row.total++;
    if (r?.deliveredAt) row.delivered++;
    if (r?.openedAt) row.opened++;
    if (r?.acknowledgedAt) row.acknowledged++;
    else row.pending.push(person.id);
  }
  const order = (id: string | null) => (id === null ? Number.MAX_SAFE_INTEGER : byId.get(id)!.sortOrder);
  return [...rows.values()].sort((a, b) => order(a.departmentId) - order(b.departmentId));
}
