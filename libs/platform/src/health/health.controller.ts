import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { ApiResult } from '../http/api-result';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @ApiResult({ status: 'string' })
  @Public()
  @Get()
  @ApiOperation({ summary: '200 {"status":"ok"} once the database is reachable and migrated.' })
  async health(): Promise<{ status: 'ok' }> {
    try {
      // The server listens only after the migrations ran (bootstrap), so reachable means migrated.
      await this.db.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('database unavailable');
    }
    return { status: 'ok' };
  }
}
