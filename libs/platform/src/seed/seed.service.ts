import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEMO_DEPARTMENTS, DEMO_USERS } from '../../../../seeds/demo-organisation';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { hashPassword } from '../auth/password';
import { Department } from '../directory/department.entity';
import { User } from '../directory/user.entity';

/** A context's contribution to the demo town hall, run after the organisation exists. */
export interface DemoSeeder {
  readonly name: string;
  readonly order: number;
  seed(): Promise<void>;
}

@Injectable()
export class SeedService {
  private readonly logger = new Logger('seed');
  private readonly seeders: DemoSeeder[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(seeder: DemoSeeder): void {
    this.seeders.push(seeder);
  }

  /** Loads the demo organisation into an empty database (no users yet); a database with users is left alone. */
  async seedIfEmpty(): Promise<boolean> {
    if (!this.config.seedDemo) return false;
    if ((await this.db.getRepository(User).count({ where: { system: false } })) > 0) return false;
    const passwordHash = await hashPassword(this.config.demoPassword);
    await this.db.transaction(async (m) => {
      const departments = await m.save(
        Department,
        DEMO_DEPARTMENTS.map((d, i) => m.create(Department, { ...d, sortOrder: i })),
      );
      const byCode = new Map(departments.map((d) => [d.code, d.id]));
      // One hash for the shared demo password: each account gets its own as soon as its password is changed.
      await m.insert(
        User,
        DEMO_USERS.map((u) => ({
          username: u.username,
          displayName: u.displayName,
          displayNameKana: u.displayNameKana,
          departmentId: byCode.get(u.department) ?? null,
          position: u.position,
          roles: u.roles ?? ['staff'],
          active: true,
          passwordHash,
        })),
      );
    });
    for (const seeder of [...this.seeders].sort((a, b) => a.order - b.order)) {
      await seeder.seed();
      this.logger.log(`demo data: ${seeder.name}`);
    }
    this.logger.log(`demo organisation loaded: ${DEMO_DEPARTMENTS.length} departments, ${DEMO_USERS.length} staff`);
    return true;
  }
}
