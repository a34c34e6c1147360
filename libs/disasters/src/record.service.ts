import { Injectable } from '@nestjs/common';
import { DISASTER_KIND_LABELS, SYSTEM_ACCOUNT, type TimelineEventView, type TimelineKind } from '@yakuba/contracts';
import { formatTokyo, formatWareki, JapanesePdfWriter, writeCsv, type Principal } from '@yakuba/platform';
import { canRun, rows, DisasterStore, type DisasterRow } from './disaster-store';
import { drillLabel } from './domain/disaster-rules';
import { mergeTimeline, recordTitle, timelineCsvRows, TIMELINE_KIND_LABELS } from './domain/timeline';

/** What a reader who does not run the disaster reads of someone else's roll-call answer. */
const ROLL_CALL_WITHHELD = '安否・参集を回答（内容は本部のみ閲覧）';

interface TimelineRow {
  at: Date;
  kind: TimelineKind;
  actor_id: string | null;
  actor_name: string;
  summary: string;
  ref_id: string | null;
}

/**
 * 災害対応記録: the disaster's own timeline (declaration, urgent messages and each acknowledgement, roll-call answers,
 * duties, damage reports, situation versions, guests, closing) merged with the channel's messages, in time order.
 */
@Injectable()
export class RecordService {
  constructor(private readonly store: DisasterStore) {}

  async timeline(user: Principal, disasterId: string): Promise<TimelineEventView[]> {
    return this.events(await this.store.load(user, disasterId), user);
  }

  /**
   * Every event; for a reader who does not run disasters, the roll-call answers of others say only that an answer
   * was given (their safety, whereabouts and notes are the officers', as in GET …/roll-call).
   */
  private async events(disaster: DisasterRow, reader: Principal): Promise<TimelineEventView[]> {
    const officer = canRun(reader);
    const own = (
      await rows<TimelineRow>(this.store.db.manager, 'SELECT * FROM disaster_timeline WHERE disaster_id = $1 ORDER BY at, id', [
        disaster.id,
      ])
    ).map((r) => ({
      at: r.at.toISOString(),
      kind: r.kind,
      actorId: r.actor_id,
      actorName: r.actor_name,
      summary: r.kind === 'roll_call' && !officer && r.ref_id !== reader.id ? ROLL_CALL_WITHHELD : r.summary,
      refId: r.ref_id,
    }));
    // Urgent messages are in the timeline already; notices repeat what it records; deleted messages say nothing.
    const messages = (await this.store.channels.messages(disaster.channel_id)).filter(
      (m) => !m.urgent && m.authorId !== SYSTEM_ACCOUNT.id && !m.deletedAt,
    );
    const names = new Map((await this.store.people([...new Set(messages.map((m) => m.authorId))])).map((p) => [p.id, p.displayName]));
    const said: TimelineEventView[] = messages.map((m) => ({
      at: m.createdAt,
      kind: 'message',
      actorId: m.authorId,
      actorName: names.get(m.authorId) ?? '',
      summary: m.threadRootId ? `（返信）${m.body}` : m.body,
      refId: m.id,
    }));
    return mergeTimeline(own, said);
  }

  async csv(user: Principal, disasterId: string): Promise<{ name: string; bytes: Buffer }> {
    const disaster = await this.store.load(user, disasterId);
    const events = await this.events(disaster, user);
    return {
      name: `${drillLabel(disaster.drill)}${disaster.title}_災害対応記録.csv`,
      bytes: writeCsv(timelineCsvRows(disaster.title, disaster.drill, events, (iso) => formatTokyo(new Date(iso), 'date-time'))),
    };
  }

  async pdf(user: Principal, disasterId: string): Promise<{ name: string; bytes: Uint8Array }> {
    const disaster = await this.store.load(user, disasterId);
    const events = await this.events(disaster, user);
    const title = recordTitle(disaster.title, disaster.drill);
    const pdf = new JapanesePdfWriter({ title, header: disaster.drill ? `訓練\u3000${title}` : title, pageNumbers: true });
    pdf.addPage();
    pdf.title(title);
    if (disaster.drill) pdf.paragraph('これは訓練の記録です。', { weight: 'bold', colour: '#b45309' });
    pdf.paragraph(`種別：${DISASTER_KIND_LABELS[disaster.kind]}${disaster.level ? `\u3000レベル${disaster.level}` : ''}`);
    pdf.paragraph(`発令：${formatWareki(disaster.opened_at, { time: true })}`);
    pdf.paragraph(`終了：${disaster.closed_at ? formatWareki(disaster.closed_at, { time: true }) : '対応中'}`);
    pdf.rule();
    pdf.table({
      columns: [
        { header: '日時', width: 1.5 },
        { header: '種別', width: 1 },
        { header: '記録者', width: 1.3 },
        { header: '内容', width: 4.2 },
      ],
      rows: events.map((e) => [formatTokyo(new Date(e.at), 'date-time'), TIMELINE_KIND_LABELS[e.kind], e.actorName, e.summary]),
    });
    return { name: `${drillLabel(disaster.drill)}${disaster.title}_災害対応記録.pdf`, bytes: await pdf.finish() };
  }
}
