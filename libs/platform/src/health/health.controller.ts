import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import type { HealthView } from '@yakuba/contracts';
import { ApiResult } from '../http/api-result';
import { RedisConnection } from '../realtime/redis-connection';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly redis: RedisConnection,
  ) {}

  @ApiResult('HealthView')
  @Public()
  @Get()
  @ApiOperation({
    summary:
      '200 {"status":"ok"} once the database is reachable and migrated; 503 without the database. With REDIS_URL it says whether Redis answers (a node without Redis still serves: 200).',
  })
  async health(): Promise<HealthView> {
    try {
      // The server listens only after the migrations ran (bootstrap), so reachable means migrated.
      await this.db.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('database unavailable');
    }
    return this.redis.clustered ? { status: 'ok', redis: this.redis.reachable ? 'up' : 'down' } : { status: 'ok' };
  }
}
