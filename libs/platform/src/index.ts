import { AuditEntry } from './audit/audit-entry.entity';
import { LoginAttempt, Session } from './auth/session.entity';
import { Department } from './directory/department.entity';
import { User } from './directory/user.entity';
import { PlatformSchema1764000000000 } from './database/migrations/1764000000000-platform-schema';
import { SystemAccount1796037455354 } from './database/migrations/1796037455354-system-account';
import { LoginThrottle1796040000000 } from './database/migrations/1796040000000-login-throttle';
import { ExtraRoles1796050000000 } from './database/migrations/1796050000000-extra-roles';
import { MunicipalSignIn1796061279552 } from './database/migrations/1796061279552-municipal-sign-in';
import { GuestsAndApiTokens1796060000000 } from './database/migrations/1796060000000-guests-and-api-tokens';
import { AuditAppend1796061300000 } from './database/migrations/1796061300000-audit-append';
import { DateStylePreference1796069338100 } from './database/migrations/1796069338100-date-style-preference';
import { DirectoryVersion1796090000000 } from './database/migrations/1796090000000-directory-version';

export const PLATFORM_ENTITIES = [Department, User, Session, LoginAttempt, AuditEntry];
export const PLATFORM_MIGRATIONS = [
  PlatformSchema1764000000000,
  SystemAccount1796037455354,
  LoginThrottle1796040000000,
  ExtraRoles1796050000000,
  GuestsAndApiTokens1796060000000,
  MunicipalSignIn1796061279552,
  AuditAppend1796061300000,
  DateStylePreference1796069338100,
  DirectoryVersion1796090000000,
];

export * from './config/app-config';
export * from './database/data-source';
export * from './database/embedded-postgres';
export * from './database/backup';
export * from './database/open-database';
export * from './platform.module';
export { AuditService, type AuditEvent } from './audit/audit.service';
export type { AuditCrossCheck, AuditMismatch } from './audit/audit-cross-check';
export { AuthService } from './auth/auth.service';
export { ClientIp, CurrentUser, Public, RequirePermissions } from './auth/decorators';
export { SESSION_COOKIE, type Principal } from './auth/principal';
export { API_TOKEN_SECURITY, ApiTokenRoute, GuestRoute, GUESTS_ROOM, type GuestRouteOptions } from './auth/scope';
export { readCsv, decodeCsv, type CsvEncoding, type CsvReadOptions } from './csv/csv-reader';
export { writeCsv, SHIFT_JIS_SUBSTITUTE, type CsvCell, type CsvWriteOptions } from './csv/csv-writer';
export { DirectoryService, toUserView } from './directory/directory.service';
export { GuestAccountsService, type GuestAccountInput } from './directory/guest-accounts';
export { Department } from './directory/department.entity';
export { User } from './directory/user.entity';
export { DomainEvents, type DomainEventMap } from './events/domain-events';
export { FileStore } from './files/file-store.service';
export { sniffMediaType, type SniffedType } from './files/sniff-media-type';
export { downloadDisposition, uploadFileName, uploadMulterOptions } from './files/uploads';
export { isUuid } from './text/ids';
export * from './dates/tokyo-dates';
export * from './pdf';
export { likePattern } from './text/like-pattern';
export { createValidationPipe, validatePayload } from './http/validation';
export { Nullable } from './http/nullable';
export { ArrayOf, type ArrayOfOptions } from './http/array-of';
export { anyOf, ApiFile, ApiNoContent, ApiResult, toSchema as resultSchema, withContractSchemas, type ResultShape } from './http/api-result';
export { OffsetPagingQuery, PAGE_LIMIT_MAX, PAGE_OFFSET_MAX } from './http/paging.dto';
export { toErrorBody, toAckError } from './http/error-mapping';
export { requestFromOurOrigin, sameOriginWrites, saneInput } from './http/request-guards';
export { RefusalAuditor, type EarlyRefusal } from './http/refusal-auditor';
export { clientAddressOf, proxyTrustOf } from './http/client-address';
export { ack } from './realtime/socket-ack';
export {
  AuthenticatedIoAdapter,
  socketPrincipal,
  userRoom,
  type InterNodeEvents,
  type RealtimeServer,
  type RealtimeSocket,
  type SocketData,
} from './realtime/authenticated-io.adapter';
export { RealtimeService, type SocketLifecycleEvent } from './realtime/realtime.service';
export { RedisConnection } from './realtime/redis-connection';
export { handleSocketEvent, OnSocketEvent, type SocketCaller } from './realtime/socket-event';
export { SeedService, type DemoSeeder } from './seed/seed.service';
export { NOTICE_PORT, type NoticeOptions, type NoticePort, type PostedNotice } from './notice/notice-port';
export { CHANNEL_PORT, type ChannelMessageInput, type ChannelPort, type ManagedChannelInput } from './notice/channel-port';
export { MESSAGE_PORT, type MessagePort, type ReadableMessage } from './notice/message-port';
export { Metrics } from './metrics/metrics.service';
export { IDLE_GC_DEFAULTS, startIdleGc } from './metrics/idle-gc';
export { serveMetrics, timeRequests } from './metrics/metrics-http';
export { STAFF_PLACEMENT_PORT, type PlacementChanges, type StaffPlacementPort } from './directory/staff-placement-port';
