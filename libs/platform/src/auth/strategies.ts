import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy as LocalStrategyBase } from 'passport-local';
import { Strategy as CustomStrategyBase } from 'passport-custom';
import type { Request } from 'express';
import { DomainError } from '@yakuba/contracts';
import { AuthService, type LoginResult } from './auth.service';
import { deviceCookie, extractToken } from './token';
import type { Principal } from './principal';

/** Username and password → a new session (throttled, recorded). */
@Injectable()
export class LocalStrategy extends PassportStrategy(LocalStrategyBase, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: Request, username: string, password: string): Promise<LoginResult> {
    if (typeof username !== 'string' || typeof password !== 'string' || username.length > 100 || password.length > 200) {
      throw new DomainError('bad_request', 'username and password must be strings');
    }
    return this.auth.login(username, password, req.ip ?? 'unknown', req.get('user-agent') ?? null, deviceCookie(req.headers));
  }
}

/**
 * The session JWT from the Authorization header or the httpOnly cookie, checked against the sessions table so that
 * logout and disabling take effect at once.
 */
@Injectable()
export class SessionStrategy extends PassportStrategy(CustomStrategyBase, 'session') {
  constructor(private readonly auth: AuthService) {
    super();
  }

  async validate(req: Request): Promise<Principal> {
    const principal = await this.auth.authenticate(extractToken(req.headers));
    if (!principal) throw new DomainError('unauthorized', 'sign in first');
    return principal;
  }
}
