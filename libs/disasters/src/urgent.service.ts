import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  DomainError,
  SYSTEM_ACCOUNT,
  type MessageView,
  type MyUrgentView,
  type RenotifyResult,
  type UrgentAcks,
  type UrgentCounts,
  type UrgentMessageSummary,
  type UrgentReceiptView,
} from '@yakuba/contracts';
import { DomainEvents, NOTICE_PORT, isUuid, type NoticePort, type Principal } from '@yakuba/platform';
import { actorOf, rows, DisasterStore, type DisasterRow } from './disaster-store';
import { assertActive, drillLabel } from './domain/disaster-rules';
import { ackBoard, countReceipts, recipientsOf, toReceiptView, type ReceiptFacts } from './domain/receipts';

interface ReceiptRow {
  message_id: string;
  user_id: string;
  delivered_at: Date | null;
  opened_at: Date | null;
  acknowledged_at: Date | null;
}

interface UrgentRow {
  message_id: string;
  disaster_id: string;
  author_id: string;
  created_at: Date;
  last_renotified_at: Date | null;
}

const facts = (r: ReceiptRow): ReceiptFacts => ({
  userId: r.user_id,
  deliveredAt: r.delivered_at,
  openedAt: r.opened_at,
  acknowledgedAt: r.acknowledged_at,
});

type Step = 'delivered' | 'opened' | 'acknowledged';

/** The columns a step sets, each once: acknowledging implies it was opened and delivered. */
const STEP_COLUMNS: Record<Step, ('delivered_at' | 'opened_at' | 'acknowledged_at')[]> = {
  delivered: ['delivered_at'],
  opened: ['delivered_at', 'opened_at'],
  acknowledged: ['delivered_at', 'opened_at', 'acknowledged_at'],
};

/**
 * A receipt step in one statement (one round trip, its own transaction): the urgent message with its disaster and the
 * caller's membership, the receipt moved while the disaster is active, and for an acknowledgement the record's line.
 * The primary key (message, user) and `WHERE <step> IS NULL` make a second acknowledgement, a resend from an offline
 * outbox, or two tabs at once change nothing: `moved` holds a row only when this call moved the step, so the record
 * and the board count each person once. Nothing moved: the receipt as it stood before the statement is answered.
 */
function stepSql(step: Step): string {
  const columns = STEP_COLUMNS[step];
  const own = columns[columns.length - 1];
  const set = columns.map((c) => (c === own ? `${c} = now()` : `${c} = COALESCE(disaster_receipts.${c}, now())`)).join(', ');
  const line =
    step === 'acknowledged'
      ? `, line AS (INSERT INTO disaster_timeline (disaster_id, kind, actor_id, actor_name, summary, ref_id, at)
           SELECT u.disaster_id, 'acknowledged', $3, $4, '確認しました', moved.message_id, moved.acknowledged_at FROM moved, u)`
      : '';
  return `WITH u AS (
      SELECT u.message_id, u.disaster_id, u.author_id, d.status, d.channel_id
        FROM disaster_urgent u JOIN disasters d ON d.id = u.disaster_id
       WHERE u.message_id = $1 AND EXISTS (SELECT 1 FROM chat_members cm WHERE cm.channel_id = d.channel_id AND cm.user_id = $2)
    ), moved AS (
      INSERT INTO disaster_receipts (message_id, user_id, ${columns.join(', ')})
      SELECT u.message_id, $2, ${columns.map(() => 'now()').join(', ')} FROM u WHERE u.status = 'active'
      ON CONFLICT (message_id, user_id) DO UPDATE SET ${set} WHERE disaster_receipts.${own} IS NULL
      RETURNING *
    )${line}
    SELECT u.*, moved.message_id IS NOT NULL AS moved,
           COALESCE(moved.delivered_at, r.delivered_at) AS delivered_at, COALESCE(moved.opened_at, r.opened_at) AS opened_at,
           COALESCE(moved.acknowledged_at, r.acknowledged_at) AS acknowledged_at
      FROM u LEFT JOIN moved ON true LEFT JOIN disaster_receipts r ON r.message_id = u.message_id AND r.user_id = $2`;
}
const STEP_SQL: Record<Step, string> = {
  delivered: stepSql('delivered'),
  opened: stepSql('opened'),
  acknowledged: stepSql('acknowledged'),
};

/** What the board's counts need of an urgent message. */
type BoardOf = Pick<UrgentRow, 'message_id' | 'disaster_id' | 'author_id'> & { channel_id: string };

interface StepRow {
  message_id: string;
  disaster_id: string;
  author_id: string;
  status: string;
  channel_id: string;
  moved: boolean;
  delivered_at: Date | null;
  opened_at: Date | null;
  acknowledged_at: Date | null;
}

/** Urgent messages that demand acknowledgement: posting, the three receipts, the board, re-notification. */
@Injectable()
export class UrgentService {
  constructor(
    private readonly store: DisasterStore,
    private readonly events: DomainEvents,
    @Inject(NOTICE_PORT) private readonly notices: NoticePort,
  ) {}

  async post(user: Principal, disasterId: string, body: string): Promise<{ message: MessageView }> {
    const disaster = await this.store.load(user, disasterId, 'run');
    assertActive(disaster);
    if (!body.trim()) throw new DomainError('bad_request', 'body: must not be blank');
    const actor = actorOf(user);
    // The urgent row (which receipts refer to) and the record's line commit with the chat message, so a recipient's
    // socket never hears of an urgent message whose receipt it could not give, on this node or another.
    const message = await this.store.channels.post(disaster.channel_id, {
      authorId: actor.id!,
      system: Boolean(user.apiToken),
      clientMsgId: `urgent:${randomUUID()}`,
      body,
      urgent: true,
      alongside: async (m, posted) => {
        const at = new Date(posted.createdAt);
        await m.query(`INSERT INTO disaster_urgent (message_id, disaster_id, author_id, created_at) VALUES ($1, $2, $3, $4)`, [
          posted.id,
          disaster.id,
          posted.authorId,
          at,
        ]);
        await this.store.record(m, disaster.id, 'urgent', actor, body, posted.id, at);
      },
    });
    return { message };
  }

  /**
   * A receipt step by a recipient (a member of the channel), in one statement. Acknowledging a closed disaster's
   * message: conflict; its other steps answer the receipt as it stands. The board's event goes after the commit.
   */
  async step(user: Principal, messageId: string, step: Step): Promise<UrgentReceiptView> {
    if (!isUuid(messageId)) throw new DomainError('not_found', 'urgent message not found');
    const actor = actorOf(user);
    const params = step === 'acknowledged' ? [messageId, user.id, actor.id, actor.name] : [messageId, user.id];
    const [row] = await rows<StepRow>(this.store.db.manager, STEP_SQL[step], params);
    if (!row) throw new DomainError('not_found', 'urgent message not found');
    if (step === 'acknowledged') assertActive({ status: row.status as DisasterRow['status'], drill: false });
    const own = STEP_COLUMNS[step][STEP_COLUMNS[step].length - 1];
    // Not moved and not set: another press of the same person was committing meanwhile (the statement's snapshot
    // predates it), so the receipt is read again.
    const stored = row.moved || row[own] ? row : await this.receipt(messageId, user.id);
    const receipt = toReceiptView(messageId, user.id, stored ? facts({ ...stored, user_id: user.id }) : undefined);
    if (row.moved) this.announce(row, receipt);
    return receipt;
  }

  async delivered(user: Principal, messageIds: string[]): Promise<UrgentReceiptView[]> {
    const out: UrgentReceiptView[] = [];
    for (const id of [...new Set(messageIds)]) out.push(await this.step(user, id, 'delivered'));
    return out;
  }

  private async receipt(messageId: string, userId: string): Promise<ReceiptRow | undefined> {
    const [row] = await rows<ReceiptRow>(this.store.db.manager, 'SELECT * FROM disaster_receipts WHERE message_id = $1 AND user_id = $2', [
      messageId,
      userId,
    ]);
    return row;
  }

  private readonly logger = new Logger('disasters');

  /**
   * The board's events, one per moved receipt, each with counts read after its commit. One count runs per message
   * at a time: receipts moved while it runs wait for the next one, which sees them too. During an alert that is one
   * count per batch instead of one per receipt, and the last event always carries the complete counts.
   */
  private readonly boards = new Map<string, { urgent: BoardOf; waiting: UrgentReceiptView[] }>();

  private announce(urgent: BoardOf, receipt: UrgentReceiptView): void {
    const board = this.boards.get(urgent.message_id);
    if (board) {
      board.waiting.push(receipt);
      return;
    }
    const fresh = { urgent, waiting: [receipt] };
    this.boards.set(urgent.message_id, fresh);
    void this.countAndPublish(fresh);
  }

  private async countAndPublish(board: { urgent: BoardOf; waiting: UrgentReceiptView[] }): Promise<void> {
    try {
      while (board.waiting.length) {
        const batch = board.waiting.splice(0);
        const counts = await this.counts(board.urgent);
        for (const receipt of batch) this.events.publish('disasters.receipt', { disasterId: board.urgent.disaster_id, receipt, counts });
      }
    } catch (err) {
      // The receipts are committed; only the live board misses these events (GET …/acks counts exactly).
      this.logger.warn(`board counts of urgent message ${board.urgent.message_id} failed: ${(err as Error).message}`);
    } finally {
      this.boards.delete(board.urgent.message_id);
    }
  }

  /**
   * The live counts for the board's event (receipts are only ever taken from members, so counting rows is counting
   * people). The number of recipients is read at most once a second per message: during an alert 2,000 receipts a
   * second would otherwise count the channel's members 2,000 times. GET …/acks always counts exactly.
   */
  private async counts(urgent: BoardOf): Promise<UrgentCounts> {
    const [c] = await rows<{ delivered: number; opened: number; acknowledged: number }>(
      this.store.db.manager,
      `SELECT count(r.delivered_at)::int AS delivered, count(r.opened_at)::int AS opened, count(r.acknowledged_at)::int AS acknowledged
         FROM disaster_receipts r WHERE r.message_id = $1 AND r.user_id <> $2`,
      [urgent.message_id, urgent.author_id],
    );
    return { total: await this.recipientCount(urgent), ...c };
  }

  private readonly totals = new Map<string, { at: number; total: number }>();

  private async recipientCount(urgent: BoardOf): Promise<number> {
    const cached = this.totals.get(urgent.message_id);
    if (cached && Date.now() - cached.at < 1000) return cached.total;
    const [{ total }] = await rows<{ total: number }>(
      this.store.db.manager,
      `SELECT count(*)::int AS total FROM chat_members cm WHERE cm.channel_id = $1 AND cm.user_id <> $2 AND cm.user_id <> $3`,
      [urgent.channel_id, urgent.author_id, SYSTEM_ACCOUNT.id],
    );
    if (this.totals.size > 1000) this.totals.clear();
    this.totals.set(urgent.message_id, { at: Date.now(), total });
    return total;
  }

  private async urgentIn(disaster: DisasterRow, messageId: string): Promise<UrgentRow> {
    const [row] = isUuid(messageId)
      ? await rows<UrgentRow>(this.store.db.manager, 'SELECT * FROM disaster_urgent WHERE message_id = $1 AND disaster_id = $2', [
          messageId,
          disaster.id,
        ])
      : [];
    if (!row) throw new DomainError('not_found', 'urgent message not found');
    return row;
  }

  private async receiptsOf(messageId: string): Promise<Map<string, ReceiptFacts>> {
    const found = await rows<ReceiptRow>(this.store.db.manager, 'SELECT * FROM disaster_receipts WHERE message_id = $1', [messageId]);
    return new Map(found.map((r) => [r.user_id, facts(r)]));
  }

  /** The contract's acknowledged / pending over the channel's current members, then the board by department. */
  async acks(user: Principal, disasterId: string, messageId: string): Promise<UrgentAcks> {
    const disaster = await this.store.load(user, disasterId);
    const urgent = await this.urgentIn(disaster, messageId);
    const recipients = recipientsOf(await this.store.channels.memberIds(disaster.channel_id), urgent.author_id, SYSTEM_ACCOUNT.id);
    const receipts = await this.receiptsOf(messageId);
    const acknowledged = recipients
      .filter((id) => receipts.get(id)?.acknowledgedAt)
      .map((id) => ({ userId: id, at: receipts.get(id)!.acknowledgedAt!.toISOString() }))
      .sort((a, b) => a.at.localeCompare(b.at));
    // A guest has no directory (GET …/people gives it no departments): the contract's fields, the counts, its own receipt.
    const board = !user.guest;
    return {
      acknowledged,
      pending: recipients.filter((id) => !receipts.get(id)?.acknowledgedAt),
      messageId,
      counts: countReceipts(recipients, receipts),
      receipts: recipients.filter((id) => board || id === user.id).map((id) => toReceiptView(messageId, id, receipts.get(id))),
      byDepartment: board ? ackBoard(await this.store.people(recipients), receipts, await this.store.departments()) : [],
    };
  }

  async list(user: Principal, disasterId: string): Promise<UrgentMessageSummary[]> {
    const disaster = await this.store.load(user, disasterId);
    const urgent = await rows<UrgentRow>(
      this.store.db.manager,
      'SELECT * FROM disaster_urgent WHERE disaster_id = $1 ORDER BY created_at',
      [disaster.id],
    );
    const members = await this.store.channels.memberIds(disaster.channel_id);
    const out: UrgentMessageSummary[] = [];
    for (const u of urgent) {
      const message = await this.store.channels.message(disaster.channel_id, u.message_id);
      if (!message) continue;
      out.push({
        messageId: u.message_id,
        seq: message.seq,
        body: message.body,
        authorId: u.author_id,
        createdAt: u.created_at.toISOString(),
        counts: countReceipts(recipientsOf(members, u.author_id, SYSTEM_ACCOUNT.id), await this.receiptsOf(u.message_id)),
        lastRenotifiedAt: u.last_renotified_at?.toISOString() ?? null,
      });
    }
    return out;
  }

  /** The officer's one click: everyone still pending is alerted again (their sockets, and a notice in the channel). */
  async renotify(user: Principal, disasterId: string, messageId: string): Promise<RenotifyResult> {
    const disaster = await this.store.load(user, disasterId, 'run');
    assertActive(disaster);
    const urgent = await this.urgentIn(disaster, messageId);
    const recipients = recipientsOf(await this.store.channels.memberIds(disaster.channel_id), urgent.author_id, SYSTEM_ACCOUNT.id);
    const receipts = await this.receiptsOf(messageId);
    const pending = recipients.filter((id) => !receipts.get(id)?.acknowledgedAt);
    await this.store.db.transaction(async (m) => {
      await m.query('UPDATE disaster_urgent SET last_renotified_at = now() WHERE message_id = $1', [messageId]);
      await this.store.record(m, disaster.id, 'renotified', actorOf(user), `未確認の${pending.length}名に再通知`, messageId);
    });
    const message = await this.store.channels.message(disaster.channel_id, messageId);
    if (message && pending.length) {
      this.events.publish('disasters.renotify', {
        disasterId: disaster.id,
        messageId,
        alerts: pending.map((id) => this.myView(disaster, message, toReceiptView(messageId, id, receipts.get(id)))),
      });
      await this.notices.toChannel(
        disaster.channel_id,
        `【再通知】緊急連絡の確認がまだの方（${pending.length}名）は「確認しました」を押してください。`,
      );
    }
    return { renotified: pending.length, userIds: pending };
  }

  private myView(disaster: DisasterRow, message: MessageView, receipt: UrgentReceiptView): MyUrgentView {
    return {
      disasterId: disaster.id,
      disasterTitle: `${drillLabel(disaster.drill)}${disaster.title}`,
      drill: disaster.drill,
      channelId: disaster.channel_id,
      messageId: message.id,
      seq: message.seq,
      body: message.body,
      createdAt: message.createdAt,
      receipt,
    };
  }

  /** The caller's urgent messages not yet acknowledged, over every active disaster they are in (shown on top). */
  async mine(user: Principal): Promise<MyUrgentView[]> {
    const found = await rows<UrgentRow & ReceiptRow & { d: DisasterRow }>(
      this.store.db.manager,
      `SELECT u.message_id, u.author_id, row_to_json(d) AS d, r.delivered_at, r.opened_at, r.acknowledged_at
         FROM disaster_urgent u JOIN disasters d ON d.id = u.disaster_id
         LEFT JOIN disaster_receipts r ON r.message_id = u.message_id AND r.user_id = $1
        WHERE d.status = 'active' AND u.author_id <> $1 AND r.acknowledged_at IS NULL
          AND EXISTS (SELECT 1 FROM chat_members cm WHERE cm.channel_id = d.channel_id AND cm.user_id = $1)
        ORDER BY u.created_at`,
      [user.id],
    );
    const out: MyUrgentView[] = [];
    for (const r of found) {
      const d = r.d as unknown as DisasterRow;
      const message = await this.store.channels.message(d.channel_id, r.message_id);
      if (message)
        out.push(
          this.myView(
            d,
            message,
            toReceiptView(r.message_id, user.id, r.delivered_at || r.opened_at ? facts({ ...r, user_id: user.id }) : undefined),
          ),
        );
    }
    return out;
  }
}
