import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError, hasPermission, type Permission } from '@yakuba/contracts';
import { IS_PUBLIC, REQUIRED_PERMISSIONS } from './decorators';
import type { Principal } from './principal';
import { API_TOKEN_ROUTE, GUEST_ROUTE, scopeVerdict, type GuestRouteOptions } from './scope';

/** Global: every route needs a live session unless marked @Public(). */
@Injectable()
export class SessionGuard extends AuthGuard('session') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    if (!user) throw new DomainError('unauthorized', 'sign in first');
    return user;
  }
}

/** Global: role permissions from the one list in libs/contracts. Record-level access is the services' job. */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const required = this.reflector.getAllAndOverride<Permission[] | undefined>(REQUIRED_PERMISSIONS, targets);
    const request = context
      .switchToHttp()
      .getRequest<{ user?: Principal; params?: Record<string, unknown>; query?: Record<string, unknown> }>();
    // Guests and API tokens reach only the routes marked for them (auth/scope.ts), whatever the route requires.
    if (request.user && (request.user.guest || request.user.apiToken)) {
      const verdict = scopeVerdict(
        request.user,
        {
          guest: this.reflector.getAllAndOverride<GuestRouteOptions | undefined>(GUEST_ROUTE, targets),
          apiTokenScope: this.reflector.getAllAndOverride<string | undefined>(API_TOKEN_ROUTE, targets),
        },
        request,
      );
      if (verdict === 'not_found') throw new DomainError('not_found', 'not found');
      if (verdict === 'forbidden') throw new DomainError('forbidden', 'your access does not allow this');
      return true;
    }
    if (!required?.length) return true;
    const user = request.user;
    if (!user) throw new DomainError('unauthorized', 'sign in first');
    if (!required.every((p) => hasPermission(user.roles, p))) throw new DomainError('forbidden', 'your role does not allow this');
    return true;
  }
}

/** The local strategy runs the whole sign-in; its result becomes req.user. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override handleRequest<T>(error: unknown, user: T, info: unknown): T {
    if (error) throw error;
    if (!user) {
      const message = info instanceof Error ? info.message : 'username and password are required';
      throw new DomainError('bad_request', `username, password: ${message}`);
    }
    return user;
  }
}
