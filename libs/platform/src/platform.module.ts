import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { dataSourceOptions, type SchemaParts } from './database/data-source';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { ApiTokensController, ApiTokenService } from './auth/api-tokens';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { PermissionsGuard, SessionGuard } from './auth/guards';
import { PreferencesController } from './auth/preferences.controller';
import { LocalStrategy, SessionStrategy } from './auth/strategies';
import { LdapAccounts } from './auth/ldap-accounts.service';
import { PasswordRules } from './auth/password-rules.service';
import { SecurityController } from './auth/security.controller';
import { SecuritySettingsService } from './auth/security-settings.service';
import { SessionsService } from './auth/sessions.service';
import { TotpService } from './auth/totp.service';
import { DirectoryController } from './directory/directory.controller';
import { DirectoryService } from './directory/directory.service';
import { GuestAccountsService } from './directory/guest-accounts';
import { DomainEvents } from './events/domain-events';
import { FileStore } from './files/file-store.service';
import { HealthController } from './health/health.controller';
import { Metrics } from './metrics/metrics.service';
import { ErrorFilter } from './http/error.filter';
import { RefusalAuditor } from './http/refusal-auditor';
import { RealtimeGateway } from './realtime/realtime.gateway';
import { RealtimeService } from './realtime/realtime.service';
import { RedisConnection } from './realtime/redis-connection';
import { PoolWarmer } from './database/pool-warmer';
import { SeedService } from './seed/seed.service';

export interface PlatformOptions {
  config: AppConfig;
  databaseUrl: string;
  schema: SchemaParts;
}

/** Config, database, auth, directory, audit, files and realtime: what every context stands on. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(options.databaseUrl, options.schema, options.config.databasePoolSize), migrationsRun: false }),
        PassportModule,
        JwtModule.register({
          secret: options.config.jwtSecret,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [
        AuthController,
        PreferencesController,
        SecurityController,
        DirectoryController,
        AuditController,
        HealthController,
        ApiTokensController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        PoolWarmer,
        // REDIS_URL unset: no client is created (one process, nothing else needed).
        { provide: RedisConnection, useFactory: () => RedisConnection.open(options.config.redisUrl) },
        { provide: APP_GUARD, useClass: SessionGuard },
        { provide: APP_GUARD, useClass: PermissionsGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        AuditService,
        AuthService,
        Metrics,
        SecuritySettingsService,
        PasswordRules,
        SessionsService,
        TotpService,
        LdapAccounts,
        ApiTokenService,
        LocalStrategy,
        SessionStrategy,
        DirectoryService,
        GuestAccountsService,
        DomainEvents,
        FileStore,
        RealtimeService,
        RealtimeGateway,
        RefusalAuditor,
        SeedService,
      ],
      exports: [
        APP_CONFIG,
        AuditService,
        AuthService,
        SecuritySettingsService,
        PasswordRules,
        DirectoryService,
        GuestAccountsService,
        DomainEvents,
        FileStore,
        RealtimeService,
        RedisConnection,
        RefusalAuditor,
        SeedService,
      ],
    };
  }
}
