import { Body, Controller, Delete, Get, Injectable, Param, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  API_TOKEN_SCOPES,
  DomainError,
  SYSTEM_ACCOUNT,
  type ApiTokenCreated,
  type ApiTokenScope,
  type ApiTokenView,
} from '@yakuba/contracts';
import { AuditService } from '../audit/audit.service';
import { isUuid } from '../text/ids';
import { ApiResult } from '../http/api-result';
import { CurrentUser, RequirePermissions } from './decorators';
import type { Principal } from './principal';

/** Every API token starts so, which tells it apart from a session JWT at a glance (and in a leaked-secret scan). */
export const API_TOKEN_PREFIX = 'ykb_';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

interface TokenRow {
  id: string;
  name: string;
  scopes: ApiTokenScope[];
  prefix: string;
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, scopes, prefix, created_by, created_at, last_used_at, revoked_at';

function toView(r: TokenRow): ApiTokenView {
  return {
    id: r.id,
    name: r.name,
    scopes: r.scopes,
    prefix: r.prefix,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  };
}

/**
 * API tokens of outside relays (a weather-warning feed opening a disaster). 32 random bytes, shown once; only the
 * SHA-256 is stored (a token is high-entropy, so a fast hash suffices and lookups stay one index probe). A token
 * acts as the system account and reaches only routes marked `@ApiTokenRoute` with a scope it holds (auth/scope.ts).
 */
@Injectable()
export class ApiTokenService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Principal, name: string, scopes: ApiTokenScope[]): Promise<ApiTokenCreated> {
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    return this.db.transaction(async (m) => {
      const [row] = (await m.query(
        `INSERT INTO api_tokens (name, scopes, token_hash, prefix, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
        [name.trim(), [...new Set(scopes)], hashOf(token), token.slice(0, API_TOKEN_PREFIX.length + 6), actor.id],
      )) as TokenRow[];
      await this.audit.record(
        { action: 'api_token.created', actorId: actor.id, targetType: 'api_token', targetId: row.id, data: { name, scopes } },
        m,
      );
      return { ...toView(row), token };
    });
  }

  async list(): Promise<ApiTokenView[]> {
    return ((await this.db.query(`SELECT ${COLUMNS} FROM api_tokens ORDER BY created_at DESC`)) as TokenRow[]).map(toView);
  }

  async revoke(actor: Principal, id: string): Promise<ApiTokenView> {
    if (!isUuid(id)) throw new DomainError('not_found', 'token not found');
    return this.db.transaction(async (m) => {
      const [updated] = (await m.query(
        `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
        [id],
      )) as [TokenRow[], number];
      const row = updated[0];
      if (!row) throw new DomainError('not_found', 'token not found');
      await this.audit.record({ action: 'api_token.revoked', actorId: actor.id, targetType: 'api_token', targetId: id }, m);
      return toView(row);
    });
  }

  /** The principal of a live token, or null. */
  async authenticate(token: string): Promise<Principal | null> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, count].
    const [found] = (await this.db.query(
      `UPDATE api_tokens SET last_used_at = now() WHERE token_hash = $1 AND revoked_at IS NULL RETURNING id, name, scopes`,
      [hashOf(token)],
    )) as [{ id: string; name: string; scopes: string[] }[], number];
    const row = found[0];
    if (!row) return null;
    return {
      id: SYSTEM_ACCOUNT.id,
      username: SYSTEM_ACCOUNT.username,
      displayName: `API: ${row.name}`,
      roles: [],
      departmentId: null,
      position: null,
      sessionId: `api-token:${row.id}`,
      apiToken: { id: row.id, name: row.name, scopes: row.scopes },
    };
  }
}

export class CreateApiTokenDto {
  @ApiProperty({ example: '気象警報リレー' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ enum: API_TOKEN_SCOPES, isArray: true, example: ['disasters'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsIn(API_TOKEN_SCOPES, { each: true })
  scopes: ApiTokenScope[];
}

@ApiTags('api-tokens')
@ApiBearerAuth()
@Controller('api-tokens')
@RequirePermissions('tokens.manage')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokenService) {}

  @ApiResult('ApiTokenCreated')
  @Post()
  @ApiOperation({ summary: 'Create an API token (administrators). The token is in this answer only; it is stored hashed.' })
  create(@CurrentUser() user: Principal, @Body() dto: CreateApiTokenDto) {
    return this.tokens.create(user, dto.name, dto.scopes);
  }

  @ApiResult(['ApiTokenView'])
  @Get()
  @ApiOperation({ summary: 'Every API token (never the token itself).' })
  list() {
    return this.tokens.list();
  }

  @ApiResult('ApiTokenView')
  @Delete(':id')
  @ApiOperation({ summary: 'Revoke a token: it stops working at once.' })
  revoke(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.tokens.revoke(user, id);
  }
}
