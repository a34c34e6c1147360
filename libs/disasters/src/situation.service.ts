import { Injectable } from '@nestjs/common';
import { DomainError, type SituationHistory, type SituationReportView } from '@yakuba/contracts';
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

  async update(user: Principal, disasterId: string, body: string, version: number): Promise<SituationReportView> {
    const disaster = await this.store.load(user, disasterId, 'run');
    assertActive(disaster);
    if (!body.trim()) throw new DomainError('bad_request', 'body: must not be blank');
    const row = await this.store.db.transaction(async (m) => {
      await m.query('SELECT 1 FROM disasters WHERE id = $1 FOR UPDATE', [disaster.id]);
      const [{ current }] = await rows<{ current: number }>(
        m,
        'SELECT COALESCE(max(version), 0)::int AS current FROM disaster_situation WHERE disaster_id = $1',
        [disaster.id],
      );
      if (current !== version) throw new DomainError('conflict', `the situation report is at version ${current}: reload and edit that one`);
      const [row] = await rows<Row>(
        m,
        `INSERT INTO disaster_situation (disaster_id, version, body, author_id) VALUES ($1, $2, $3, $4) RETURNING *`,
        [disaster.id, current + 1, body, actorOf(user).id],
      );
      await this.store.record(m, disaster.id, 'situation', actorOf(user), `状況報告 第${row.version}版：${body}`, null, row.created_at);
      return row;
    });
    const report = view(row);
    this.events.publish('disasters.situation', {
      disasterId: disaster.id,
      memberIds: await this.store.channels.memberIds(disaster.channel_id),
      report,
    });
    return report;
  }
}
