import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, MAX_MESSAGE_CHARS, type SituationHistory, type SituationReportView } from '@yakuba/contracts';
import { DomainEvents, type Principal } from '@yakuba/platform';
import { actorOf, rows, DisasterStore } from './disaster-store';
import { assertActive } from './domain/disaster-rules';

interface Row {
  disaster_id: string;
  version: number;
  body: string;
  author_id: string;
  created_at: Date;
}

const view = (r: Row): SituationReportView => ({
  disasterId: r.disaster_id,
  version: r.version,
  body: r.body,
  authorId: r.author_id,
  createdAt: r.created_at.toISOString(),
});

/** The chat copy of a version: its heading, then as much of the report as a message holds (the page has it whole). */
function chatCopy(version: number, body: string): string {
  const head = `【状況報告 第${version}版】\n`;
  const room = MAX_MESSAGE_CHARS - head.length;
  const chars = [...body];
  return head + (chars.length <= room ? body : `${chars.slice(0, room - 20).join('')}…（全文は災害ページ）`);
}

/** 状況報告: one pinned report the officer replaces, every version kept (optimistic: a stale version is 409). */
@Injectable()
export class SituationService {
  constructor(
    private readonly store: DisasterStore,
    private readonly events: DomainEvents,
  ) {}

  async history(user: Principal, disasterId: string): Promise<SituationHistory> {
    const disaster = await this.store.load(user, disasterId);
    const found = await rows<Row>(this.store.db.manager, 'SELECT * FROM disaster_situation WHERE disaster_id = $1 ORDER BY version DESC', [
      disaster.id,
    ]);
    return { current: found[0] ? view(found[0]) : null, history: found.map(view) };
  }

  /**
   * A new version: stored with its record line and, in the same commit, posted to the disaster channel, where it is
   * pinned in place of the version before it, so staff who only open the chat see the current report on top.
   */
  async update(user: Principal, disasterId: string, body: string, version: number): Promise<SituationReportView> {
    const disaster = await this.store.load(user, disasterId, 'run');
    assertActive(disaster);
    if (!body.trim()) throw new DomainError('bad_request', 'body: must not be blank');
    const actor = actorOf(user);
    let stored: Row | undefined;
    let previousMessageId: string | null = null;
    const message = await this.store.channels.post(disaster.channel_id, {
      authorId: actor.id!,
      system: Boolean(user.apiToken),
      clientMsgId: `situation:${randomUUID()}`,
      body: chatCopy(version + 1, body),
      alongside: async (m, posted) => {
        await m.query('SELECT 1 FROM disasters WHERE id = $1 FOR UPDATE', [disaster.id]);
        const [current] = await rows<{ version: number; message_id: string | null }>(
          m,
          'SELECT version, message_id FROM disaster_situation WHERE disaster_id = $1 ORDER BY version DESC LIMIT 1',
          [disaster.id],
        );
        const at = current?.version ?? 0;
        if (at !== version) throw new DomainError('conflict', `the situation report is at version ${at}: reload and edit that one`);
        previousMessageId = current?.message_id ?? null;
        [stored] = await rows<Row>(
          m,
          `INSERT INTO disaster_situation (disaster_id, version, body, author_id, message_id) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
          [disaster.id, at + 1, body, actor.id, posted.id],
        );
        await this.store.record(
          m,
          disaster.id,
          'situation',
          actor,
          `状況報告 第${stored.version}版：${body}`,
          posted.id,
          stored.created_at,
        );
      },
    });
    await this.store.channels.pin(disaster.channel_id, message.id, true, actor.id!);
    if (previousMessageId) await this.store.channels.pin(disaster.channel_id, previousMessageId, false, actor.id!);
    const report = view(stored!);
    this.events.publish('disasters.situation', {
      disasterId: disaster.id,
      memberIds: await this.store.channels.memberIds(disaster.channel_id),
      report,
    });
    return report;
  }
}
