import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { MeetingStatus } from '@yakuba/contracts';

@Entity('meetings')
export class Meeting {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', nullable: true }) place: string | null;
  @Column({ type: 'timestamptz', name: 'starts_at' }) startsAt: Date;
  @Column({ type: 'timestamptz', name: 'ends_at', nullable: true }) endsAt: Date | null;
  @Column({ type: 'uuid', name: 'organiser_id' }) organiserId: string;
  @Column({ type: 'text', default: 'scheduled' }) status: MeetingStatus;
  @Column({ type: 'boolean', name: 'paper_distributed', default: false }) paperDistributed: boolean;
  @Column({ type: 'uuid', name: 'presenter_id' }) presenterId: string;
  @Column({ type: 'uuid', name: 'current_document_id', nullable: true }) currentDocumentId: string | null;
  @Column({ type: 'int', name: 'current_page', default: 1 }) currentPage: number;
  @Column({ type: 'real', default: 1 }) zoom: number;
  @Column({ type: 'int', name: 'state_version', default: 0 }) stateVersion: number;
  @Column({ type: 'timestamptz', name: 'started_at', nullable: true }) startedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

@Entity('meeting_participants')
export class MeetingParticipant {
  @PrimaryColumn({ type: 'uuid', name: 'meeting_id' }) meetingId: string;
  @PrimaryColumn({ type: 'uuid', name: 'user_id' }) userId: string;
  @Column({ type: 'text', default: 'participant' }) role: 'organiser' | 'participant';
  @Column({ type: 'uuid', name: 'via_department_id', nullable: true }) viaDepartmentId: string | null;
  @Column({ type: 'timestamptz', name: 'joined_at', nullable: true }) joinedAt: Date | null;
}

@Entity('meeting_departments')
export class MeetingDepartment {
  @PrimaryColumn({ type: 'uuid', name: 'meeting_id' }) meetingId: string;
  @PrimaryColumn({ type: 'uuid', name: 'department_id' }) departmentId: string;
}

@Entity('agenda_items')
export class AgendaItem {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'meeting_id' }) meetingId: string;
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'int', name: 'duration_minutes', nullable: true }) durationMinutes: number | null;
  @Column({ type: 'text', default: '' }) minutes: string;
  @Column({ type: 'text', default: '' }) decisions: string;
}
