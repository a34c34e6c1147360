import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { DataSource } from 'typeorm';
import { sendNotification, WebPushError, type RequestOptions } from 'web-push';
import { DomainError, type PushConfigView, type PushPayload, type PushSubscriptionInput, type PushSubscriptionView } from '@yakuba/contracts';
import { APP_CONFIG, isUuid, type AppConfig, type Principal } from '@yakuba/platform';
import { DEFAULT_PUSH_HOSTS, subscriptionProblem } from './domain/push-rules';
import { vapidKeys, type VapidKeys } from './vapid-keys';

interface SubscriptionRow {
  id: string;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  user_agent: string | null;
  created_at: Date;
  last_success_at: Date | null;
}

export interface PushOutcome {
  sent: number;
  failed: number;
  removed: number;
}

/** Posts at most this many pushes at once: an urgent message to every member of staff is a few hundred posts. */
const PARALLEL = 8;

const view = (r: SubscriptionRow): PushSubscriptionView => ({
  id: r.id,
  endpointHost: new URL(r.endpoint).hostname,
  userAgent: r.user_agent,
  createdAt: r.created_at.toISOString(),
  lastSuccessAt: r.last_success_at?.toISOString() ?? null,
});

/**
 * Web Push with the server's own VAPID keys (RFC 8292) and payloads encrypted for each device (RFC 8291): no service
 * of ours in between, only the browser's own push service. Off unless WEB_PUSH_ENABLED; then devices subscribe here
 * and `send` posts to them, forgetting subscriptions the push service says are gone (404/410).
 */
@Injectable()
export class PushService {
  private readonly logger = new Logger('push');
  private keys?: VapidKeys;
  private agent?: Agent;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // At construction, so that the notifier knows at its start whether to listen (and a bad key file stops the start).
    if (!config.webPush.enabled) return;
    this.keys = vapidKeys(config);
    if (config.webPush.caFile)
      // Added to Node's own authorities, not instead of them.
      this.agent = new Agent({ ca: [...rootCertificates, readFileSync(config.webPush.caFile, 'utf8')] });
  }

  get enabled(): boolean {
    return this.keys !== undefined;
  }

  settings(): PushConfigView {
    return { enabled: this.enabled, publicKey: this.keys?.publicKey ?? null };
  }

  private allowedHosts(): readonly string[] {
    return this.config.webPush.allowedHosts.length ? this.config.webPush.allowedHosts : DEFAULT_PUSH_HOSTS;
  }

  private requireEnabled(): void {
    if (!this.enabled) throw new DomainError('conflict', 'web push is not enabled on this server (WEB_PUSH_ENABLED)');
  }

  /** Stores this device's subscription for the caller; the same endpoint again (another account on a shared device) moves to them. */
  async subscribe(user: Principal, input: PushSubscriptionInput, userAgent: string | null): Promise<PushSubscriptionView> {
    this.requireEnabled();
    const problem = subscriptionProblem({ endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth }, this.allowedHosts());
    if (problem) throw new DomainError('bad_request', problem);
    const [row] = (await this.db.query(
      `INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, user_agent) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (endpoint) DO UPDATE SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth,
         user_agent = EXCLUDED.user_agent, created_at = now(), last_success_at = NULL, failures = 0
       RETURNING id, user_id, endpoint, p256dh, auth, user_agent, created_at, last_success_at`,
      [user.id, input.endpoint, input.keys.p256dh, input.keys.auth, userAgent?.slice(0, 500) ?? null],
    )) as SubscriptionRow[];
    return view(row);
  }

  async mine(user: Principal): Promise<PushSubscriptionView[]> {
    const rows = (await this.db.query(
      `SELECT id, user_id, endpoint, p256dh, auth, user_agent, created_at, last_success_at FROM push_subscriptions
       WHERE user_id = $1 ORDER BY created_at DESC`,
      [user.id],
    )) as SubscriptionRow[];
    return rows.map(view);
  }

  /** Someone else's subscription is "not found", like one that does not exist. */
  async remove(user: Principal, id: string): Promise<void> {
    const [{ n }] = isUuid(id)
      ? ((await this.db.query(
          'WITH d AS (DELETE FROM push_subscriptions WHERE id = $1 AND user_id = $2 RETURNING id) SELECT count(*)::int AS n FROM d',
          [id, user.id],
        )) as { n: number }[])
      : [{ n: 0 }];
    if (!n) throw new DomainError('not_found', 'subscription not found');
  }

  /** A test notification to the caller's own devices (the account page's button). */
  async test(user: Principal): Promise<PushOutcome> {
    this.requireEnabled();
    return this.send([user.id], { title: 'Yakuba', body: 'テスト通知です（Test notification）', tag: 'yakuba-test', path: '/profile', urgent: false });
  }

  /** Pushes to every device of these (active) users; never throws (a push is a courtesy beside the in-app delivery). */
  async send(userIds: string[], payload: PushPayload): Promise<PushOutcome> {
    const outcome: PushOutcome = { sent: 0, failed: 0, removed: 0 };
    if (!this.keys || userIds.length === 0) return outcome;
    const rows = (await this.db.query(
      `SELECT p.id, p.user_id, p.endpoint, p.p256dh, p.auth, p.user_agent, p.created_at, p.last_success_at
         FROM push_subscriptions p JOIN users u ON u.id = p.user_id
        WHERE p.user_id = ANY($1::uuid[]) AND u.active`,
      [userIds],
    )) as SubscriptionRow[];
    const body = JSON.stringify(payload);
    const options: RequestOptions = {
      vapidDetails: { subject: this.config.webPush.vapidSubject, publicKey: this.keys.publicKey, privateKey: this.keys.privateKey },
      // An urgent message matters for a day (someone waking up to it); a mention for an hour.
      TTL: payload.urgent ? 86_400 : 3_600,
      urgency: payload.urgent ? 'high' : 'normal',
      timeout: 10_000,
      ...(this.config.webPush.proxy ? { proxy: this.config.webPush.proxy } : this.agent ? { agent: this.agent } : {}),
    };
    for (let i = 0; i < rows.length; i += PARALLEL) {
      await Promise.all(rows.slice(i, i + PARALLEL).map((row) => this.post(row, body, options, outcome)));
    }
    return outcome;
  }

  private async post(row: SubscriptionRow, body: string, options: RequestOptions, outcome: PushOutcome): Promise<void> {
    // The endpoint was checked when stored; the allowed hosts may have been narrowed since.
    if (subscriptionProblem({ endpoint: row.endpoint, p256dh: row.p256dh, auth: row.auth }, this.allowedHosts())) {
      outcome.failed++;
      return;
    }
    try {
      await sendNotification({ endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } }, body, options);
      outcome.sent++;
      await this.db.query('UPDATE push_subscriptions SET last_success_at = now(), failures = 0 WHERE id = $1', [row.id]);
    } catch (error) {
      const status = error instanceof WebPushError ? error.statusCode : undefined;
      if (status === 404 || status === 410) {
        // The browser dropped the subscription (permission withdrawn, app data cleared): forget it.
        await this.db.query('DELETE FROM push_subscriptions WHERE id = $1', [row.id]);
        outcome.removed++;
        return;
      }
      outcome.failed++;
      this.logger.warn(`push to ${new URL(row.endpoint).hostname} failed: ${status ?? (error as Error).message}`);
      await this.db.query('UPDATE push_subscriptions SET failures = failures + 1 WHERE id = $1', [row.id]).catch(() => undefined);
    }
  }
}
