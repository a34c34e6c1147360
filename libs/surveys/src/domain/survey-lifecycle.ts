import { DomainError, type SurveyStatus } from '@yakuba/contracts';

/**
 * 下書き (draft) → 公開予約 (scheduled) → 回答受付中 (open) → 締切 (closed). A scheduled survey opens by itself at
 * opensAt and an open one closes by itself at closesAt: the stored status may lag a few seconds behind the clock
 * (the scheduler materialises it), so every decision reads the effective status.
 */
export interface SurveyClock {
  status: SurveyStatus;
  opensAt: Date | null;
  closesAt: Date;
}

export function effectiveStatus(s: SurveyClock, now: Date): SurveyStatus {
  if (s.status === 'scheduled' && s.opensAt && s.opensAt <= now) return s.closesAt <= now ? 'closed' : 'open';
  if (s.status === 'open' && s.closesAt <= now) return 'closed';
  return s.status;
}

export function assertEditableDefinition(status: SurveyStatus): void {
  if (status !== 'draft' && status !== 'scheduled') throw new DomainError('conflict', `a survey that is ${status} can no longer be edited`);
}

/** What POST /open does: open now, or schedule the opening. */
export function openTransition(s: SurveyClock, now: Date, requestedOpensAt: Date | null): { status: SurveyStatus; opensAt: Date } {
  if (s.status !== 'draft' && s.status !== 'scheduled') throw new DomainError('conflict', `a survey that is ${s.status} cannot be opened`);
  const at = requestedOpensAt ?? s.opensAt ?? now;
  if (s.closesAt <= now) throw new DomainError('conflict', 'closesAt has passed: move it before opening');
  if (at >= s.closesAt) throw new DomainError('bad_request', 'opensAt must be before closesAt');
  return at > now ? { status: 'scheduled', opensAt: at } : { status: 'open', opensAt: now };
}

export function assertClosable(status: SurveyStatus): void {
  if (status !== 'open' && status !== 'scheduled') throw new DomainError('conflict', `a survey that is ${status} cannot be closed`);
}

/** Responses and edits: only while open. */
export function assertAnswerable(status: SurveyStatus): void {
  if (status !== 'open') throw new DomainError('conflict', status === 'closed' ? 'the survey has closed' : 'the survey is not open');
}

/** A browser-held edit secret: base64url of at least 32 random bytes. */
export function assertEditSecret(secret: string): void {
  if (!/^[A-Za-z0-9_-]{43,128}$/.test(secret))
    throw new DomainError('bad_request', 'editSecret must be base64url of at least 32 bytes (43..128 characters)');
}

/** The one reminder text: identical for every recipient, naming nobody and nothing they answered. */
export function reminderText(title: string, closesAtText: string): string {
  return `【アンケートのお願い】「${title}」への回答をお願いします（締切 ${closesAtText}）。回答済みの方にはこの通知は届きません。アンケート画面から回答できます。`;
}
