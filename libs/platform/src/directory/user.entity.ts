import { Column, CreateDateColumn, Entity, Index, ManyToOne, JoinColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DateStyle, Role } from '@yakuba/contracts';
import { Department } from './department.entity';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index('users_username_key', { unique: true })
  @Column({ type: 'text' })
  username: string;
  @Column({ type: 'text', name: 'display_name' }) displayName: string;
  @Column({ type: 'text', name: 'display_name_kana', nullable: true }) displayNameKana: string | null;
  @Column({ type: 'uuid', name: 'department_id', nullable: true }) departmentId: string | null;
  @ManyToOne(() => Department, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'department_id' })
  department?: Department;
  @Column({ type: 'text', nullable: true }) position: string | null;
  @Column({ type: 'text', array: true, default: () => "'{staff}'" }) roles: Role[];
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** The system account of notices (SYSTEM_ACCOUNT): never active, never listed, never edited as staff. */
  @Column({ type: 'boolean', default: false }) system: boolean;
  @Column({ type: 'text', name: 'password_hash', select: false }) passwordHash: string;
  @Column({ type: 'timestamptz', name: 'password_changed_at', default: () => 'now()' }) passwordChangedAt: Date;
  /** Set by an administrator's create or reset and by imports: the user can do nothing else until it is changed. */
  @Column({ type: 'boolean', name: 'must_change_password', default: false }) mustChangePassword: boolean;
  /** 'ldap': signs in against the LDAP / Active Directory, which also keeps the name, department and roles. */
  @Column({ type: 'text', name: 'auth_source', default: 'local' }) authSource: 'local' | 'ldap';
  @Column({ type: 'text', name: 'ldap_dn', nullable: true }) ldapDn: string | null;
  /** 和暦 or Western dates in the Japanese UI, chosen on the account page; null: not chosen. */
  @Column({ type: 'text', name: 'date_style', nullable: true }) dateStyle: DateStyle | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
