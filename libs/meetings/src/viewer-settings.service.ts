import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MeetingViewerSettings } from '@yakuba/contracts';
import type { Principal } from '@yakuba/platform';
import type { ViewerSettingsDto } from './dto/viewer-settings.dto';
import { MeetingViewerSetting } from './viewer-settings.entity';

/** The reader's own meeting-room settings (fit width or fit page): only ever their own, never anyone else's. */
@Injectable()
export class ViewerSettingsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(actor: Principal): Promise<MeetingViewerSettings> {
    const row = await this.db.getRepository(MeetingViewerSetting).findOneBy({ userId: actor.id });
    return { fit: row?.fit ?? 'width' };
  }

  async save(actor: Principal, dto: ViewerSettingsDto): Promise<MeetingViewerSettings> {
    await this.db.getRepository(MeetingViewerSetting).upsert({ userId: actor.id, fit: dto.fit, updatedAt: new Date() }, ['userId']);
    return { fit: dto.fit };
  }
}
