import { Catch, type ArgumentsHost, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { DomainError } from '@yakuba/contracts';
import { toErrorBody } from './error-mapping';

/** The contract's error body for every HTTP error. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(private readonly audit: AuditService) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    if (host.getType() !== 'http') return;
    const response = host.switchToHttp().getResponse<Response>();
    const mapped = toErrorBody(exception);
    // Refused authorisations are security events: recorded in the audit chain before the answer leaves.
    if (mapped.statusCode === 403)
      await this.recordRefusal(host.switchToHttp().getRequest<Request & { user?: Principal }>(), mapped.message);
    const requestId = (host.switchToHttp().getRequest<Request & { id?: unknown }>().id as string | undefined) ?? undefined;
    if (mapped.statusCode >= 500)
      this.logger.error({
        requestId,
        err: exception instanceof Error ? { message: exception.message, stack: exception.stack } : String(exception),
      });
    if (response.headersSent) return;
    const retryAfter = exception instanceof DomainError ? exception.details?.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    else if (mapped.statusCode === 503) response.setHeader('Retry-After', '2');
    response.status(mapped.statusCode).json(mapped.statusCode >= 500 && requestId ? { ...mapped, requestId } : mapped);
  }

  private async recordRefusal(req: Request & { user?: Principal }, message: string): Promise<void> {
    const route = (req.route as { path?: string } | undefined)?.path ?? req.path;
    await this.audit
      .record({
        action: 'authz.refused',
        actorId: req.user?.id ?? null,
        targetType: 'route',
        targetId: `${req.method} ${route}`.slice(0, 200),
        ip: req.ip ?? null,
        data: { message },
      })
      .catch((error: unknown) => this.logger.error(`could not audit a refusal: ${String(error)}`));
  }
}
