import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { RedisConnection } from '../realtime/redis-connection';

class HealthView {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
  @ApiPropertyOptional({
    enum: ['up', 'down'],
    description:
      'With REDIS_URL only. "down": this node serves its own users (HTTP, chat sends, which are stored), but events of other nodes reach them only once Redis is back (docs/operations.md).',
  })
  redis?: 'up' | 'down';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly redis: RedisConnection,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary:
      '200 {"status":"ok"} once the database is reachable and migrated; 503 without the database. With REDIS_URL it says whether Redis answers (a node without Redis still serves: 200).',
  })
  @ApiOkResponse({ type: HealthView })
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
