import { DomainError } from '@yakuba/contracts';

/** A validated filter on the audit log: every field optional. */
export interface AuditFilter {
  /** Prefix of the action, e.g. `auth.` */
  action?: string;
  actorId?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** An administrator in Tokyo who asks for 2026-04-01 means that day in Tokyo, not from 09:00. */
export function parseBound(value: string): Date {
  return new Date(DATE_ONLY.test(value) ? `${value}T00:00:00+09:00` : value);
}

/** The query's strings (already checked to be ISO 8601) as a filter; `to` must come after `from`. */
export function auditFilter(query: { action?: string; actor?: string; from?: string; to?: string }): AuditFilter {
  const from = query.from === undefined ? undefined : parseBound(query.from);
  const to = query.to === undefined ? undefined : parseBound(query.to);
  for (const [name, date] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (date && Number.isNaN(date.getTime())) throw new DomainError('bad_request', `${name}: not a valid time`);
  if (from && to && to <= from) throw new DomainError('bad_request', 'to: must be after from');
  return { action: query.action, actorId: query.actor, from, to };
}
