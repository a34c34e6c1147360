import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '@yakuba/platform';
import { loadAccess } from './meeting-access';
import { AgendaItem } from './meeting.entity';
import { renderMinutesPdf } from './pdf/minutes-pdf';

/** 議事録 export: any participant may download the minutes of their meeting. */
@Injectable()
export class MinutesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async exportPdf(actor: Principal, meetingId: string): Promise<{ title: string; bytes: Uint8Array }> {
    const { meeting } = await loadAccess(this.db.manager, meetingId, actor.id);
    const people = (await this.db.query(
      `SELECT u.display_name AS name, p.role, p.joined_at IS NOT NULL AS joined FROM meeting_participants p JOIN users u ON u.id = p.user_id
       WHERE p.meeting_id = $1 ORDER BY p.role = 'organiser' DESC, u.display_name_kana NULLS LAST`,
      [meetingId],
    )) as { name: string; role: string; joined: boolean }[];
    const items = await this.db.getRepository(AgendaItem).find({ where: { meetingId }, order: { position: 'ASC' } });
    const bytes = await renderMinutesPdf({
      title: meeting.title,
      startsAt: meeting.startsAt,
      place: meeting.place,
      organiser: people.find((p) => p.role === 'organiser')?.name ?? '',
      attendees: people.filter((p) => p.joined).map((p) => p.name),
      absentees: people.filter((p) => !p.joined).map((p) => p.name),
      items,
    });
    return { title: meeting.title, bytes };
  }
}
