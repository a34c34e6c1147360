import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Permission } from '@yakuba/contracts';
import type { Principal } from './principal';

export const IS_PUBLIC = 'yakuba:public';
export const REQUIRED_PERMISSIONS = 'yakuba:permissions';

export const ALLOWED_BEFORE_PASSWORD_CHANGE = 'yakuba:before-password-change';

/** The route answers while the password must be changed (who am I, change it, sign out); every other one is 403. */
export const AllowedBeforePasswordChange = () => SetMetadata(ALLOWED_BEFORE_PASSWORD_CHANGE, true);

/** The route answers without a session (sign-in, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Role permissions the route needs; checked by PermissionsGuard against ROLE_PERMISSIONS. */
export const RequirePermissions = (...permissions: Permission[]) => SetMetadata(REQUIRED_PERMISSIONS, permissions);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ user: Principal }>().user;
});

export const ClientIp = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<{ ip?: string; socket?: { remoteAddress?: string } }>();
  return req.ip ?? req.socket?.remoteAddress ?? 'unknown';
});
