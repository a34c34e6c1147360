import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MeetingFit } from '@yakuba/contracts';

/** A reader's own choice of how the meeting room fits a page to the screen, the same on each of their devices. */
@Entity('meeting_viewer_settings')
export class MeetingViewerSetting {
  @PrimaryColumn({ type: 'uuid', name: 'user_id' }) userId: string;
  @Column({ type: 'text' }) fit: MeetingFit;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
