import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import { extractToken } from '../auth/token';

/** What a request refused before Nest (by the origin check, on HTTP or at the socket.io handshake) tells us. */
export interface EarlyRefusal {
  /** `origin` for HTTP writes, `socket` for the socket.io handshake. */
  kind: 'origin' | 'socket';
  /** `POST /api/chat/channels`, or `handshake`. */
  target: string;
  reason: string;
  ip: string | null;
  origin: string | null;
  headers: Record<string, string | string[] | undefined>;
}

/** One audit entry per source and kind per window; the ones after it are counted into a summary entry. */
export const REFUSAL_AUDIT_WINDOW_MS = 60_000;
const MAX_TRACKED_SOURCES = 10_000;

interface Window {
  start: number;
  suppressed: number;
  last: EarlyRefusal;
  timer?: NodeJS.Timeout;
}

/**
 * Audits what the origin check refuses before any controller or guard runs: a forged write from another page, a
 * socket opened from another origin. The audit chain is serialised, so a page that fires thousands of forged
 * requests must not turn into thousands of chained writes: per source address and kind, the first refusal of a
 * window is recorded at once; the rest are counted, and when the window ends one summary entry records how many
 * (`data.alsoRefused`) with the last of them. The account whose cookie the browser attached is the actor: it is
 * the account the page tried to act as.
 */
@Injectable()
export class RefusalAuditor implements BeforeApplicationShutdown {
  private readonly logger = new Logger('audit');
  private readonly windows = new Map<string, Window>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  /** Fire and forget: the refusal is answered at once, the audit entry follows. */
  note(refusal: EarlyRefusal, now = Date.now()): void {
    const key = `${refusal.kind}|${refusal.ip ?? '?'}`;
    const open = this.windows.get(key);
    if (open && now - open.start < REFUSAL_AUDIT_WINDOW_MS) {
      open.suppressed += 1;
      open.last = refusal;
      open.timer ??= setTimeout(() => this.flush(key), open.start + REFUSAL_AUDIT_WINDOW_MS - now).unref();
      return;
    }
    if (open) this.flush(key);
    if (this.windows.size >= MAX_TRACKED_SOURCES) this.flushAll();
    this.windows.set(key, { start: now, suppressed: 0, last: refusal });
    this.write(refusal, 0);
  }

  /** Ends every open window (writing its summary) and resolves once every entry is in the audit chain. */
  async drain(): Promise<void> {
    this.flushAll();
    await Promise.all([...this.pending]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.drain();
  }

  private flushAll(): void {
    for (const key of [...this.windows.keys()]) this.flush(key);
  }

  private flush(key: string): void {
    const window = this.windows.get(key);
    if (!window) return;
    this.windows.delete(key);
    if (window.timer) clearTimeout(window.timer);
    if (window.suppressed) this.write(window.last, window.suppressed);
  }

  private write(refusal: EarlyRefusal, alsoRefused: number): void {
    const done = this.record(refusal, alsoRefused)
      .catch((error: unknown) => this.logger.error(`could not audit a refusal: ${String(error)}`))
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  private async record(refusal: EarlyRefusal, alsoRefused: number): Promise<void> {
    const principal = await this.auth.authenticate(extractToken(refusal.headers)).catch(() => null);
    await this.audit.record({
      action: 'authz.refused',
      actorId: principal?.id ?? null,
      targetType: refusal.kind,
      targetId: refusal.target.slice(0, 200),
      ip: refusal.ip,
      data: {
        message: refusal.reason,
        origin: refusal.origin?.slice(0, 200) ?? null,
        ...(alsoRefused ? { alsoRefused } : {}),
      },
    });
  }
}
