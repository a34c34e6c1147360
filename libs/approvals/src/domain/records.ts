import { DomainError, type RetentionPeriod } from '@yakuba/contracts';

/** 文書番号: the department's prefix, 第, the fiscal year's counter, 号 (住総第123号). */
export function documentNumber(prefix: string, counter: number): string {
  if (!Number.isInteger(counter) || counter < 1) throw new Error(`counter ${counter} is not a positive integer`);
  return `${prefix}第${counter}号`;
}

export const PREFIX_PATTERN = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}A-Za-z0-9ー]{1,8}$/u;

export function assertPrefix(prefix: string): string {
  const trimmed = prefix.trim();
  if (!PREFIX_PATTERN.test(trimmed)) throw new DomainError('bad_request', 'prefix: 1 to 8 letters (kanji, kana, A-Z, 0-9)');
  return trimmed;
}

/**
 * 保存期間 counts from 1 April after the fiscal year the document was decided in (文書管理規程の起算日), so a
 * document decided in FY2026 kept 5 years ends on 31 March 2032. 永年 never ends (null).
 */
export function retentionEndsOn(decidedFiscalYear: number, years: RetentionPeriod): string | null {
  if (years === 'permanent') return null;
  return `${decidedFiscalYear + 1 + years}-03-31`;
}

/** The fiscal year a record decided in `decidedFiscalYear` reaches the end of its retention (its last day's FY). */
export function retentionEndFiscalYear(decidedFiscalYear: number, years: RetentionPeriod): number | null {
  return years === 'permanent' ? null : decidedFiscalYear + years;
}

export const RETENTION_DB: Record<string, RetentionPeriod> = { '1': 1, '3': 3, '5': 5, '10': 10, '30': 30, '0': 'permanent' };
/** Stored as years, 永年 as 0 (a CHECK keeps the column to these values). */
export const retentionToDb = (years: RetentionPeriod): number => (years === 'permanent' ? 0 : years);
export const retentionFromDb = (value: number): RetentionPeriod => RETENTION_DB[String(value)] ?? 'permanent';

/**
 * A 遡及 date: the stated decision date differs from the real one only with a reason, and can only lie in the past
 * (a decision cannot be dated after it was taken). Returns null when nothing is stated.
 */
export function statedDate(
  date: string | null | undefined,
  reason: string | null | undefined,
  realTokyoDate: string,
): { date: string; reason: string } | null {
  if (!date) {
    if (reason?.trim()) throw new DomainError('bad_request', 'statedReason: only with statedDate');
    return null;
  }
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
  )
    throw new DomainError('bad_request', 'statedDate: a date YYYY-MM-DD');
  if (date === realTokyoDate) return null;
  if (date > realTokyoDate) throw new DomainError('bad_request', 'statedDate: cannot lie after the real decision date');
  if (!reason?.trim()) throw new DomainError('bad_request', 'statedReason: required when the stated date differs from the real one (遡及)');
  return { date, reason: reason.trim().slice(0, 500) };
}

/** Linear-interpolated percentile (PostgreSQL's percentile_cont), p in 0..1; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}
