import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('departments')
export class Department {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', name: 'name_en' }) nameEn: string;
  @Column({ type: 'int', name: 'sort_order', default: 0 }) sortOrder: number;
}
