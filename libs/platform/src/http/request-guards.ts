import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { toErrorBody } from './error-mapping';
import { DomainError } from '@yakuba/contracts';
import { acceptableBodyType, judgeOrigin } from './domain/request-origin';
import { inputShapeProblem } from './domain/input-shape';
import type { EarlyRefusal } from './refusal-auditor';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function refuse(res: Response, error: DomainError): void {
  const body = toErrorBody(error);
  res.status(body.statusCode).json(body);
}

const header = (req: { headers: Record<string, string | string[] | undefined> }, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Whether a browser request (HTTP or the socket.io handshake) comes from one of our origins. */
export function requestFromOurOrigin(
  req: { headers: Record<string, string | string[] | undefined> },
  config: Pick<AppConfig, 'publicOrigins'>,
) {
  return judgeOrigin(
    { origin: header(req, 'origin'), secFetchSite: header(req, 'sec-fetch-site'), host: header(req, 'host') },
    config.publicOrigins,
  );
}

/**
 * Same-site request forgery protection for every state-changing request: the browser must say it comes from our
 * origin (Origin, Sec-Fetch-Site), and the body must be JSON or a multipart upload — the types a foreign page
 * cannot send without a CORS preflight, which this server never grants. (socket.io checks its own handshake.)
 */
export function sameOriginWrites(config: Pick<AppConfig, 'publicOrigins'>, onRefusal?: (refusal: EarlyRefusal) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method) || req.path.startsWith('/socket.io')) return next();
    const verdict = requestFromOurOrigin(req, config);
    if (!verdict.allowed) {
      onRefusal?.({
        kind: 'origin',
        target: `${req.method} ${req.path}`,
        reason: verdict.reason,
        ip: req.ip ?? null,
        origin: header(req, 'origin') ?? null,
        headers: req.headers,
      });
      return refuse(res, new DomainError('forbidden', verdict.reason));
    }
    const hasBody =
      (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') ||
      req.headers['transfer-encoding'] !== undefined;
    if (!acceptableBodyType(req.headers['content-type'], hasBody)) {
      return refuse(res, new DomainError('unsupported_media_type', 'send the body as application/json (or multipart/form-data for files)'));
    }
    next();
  };
}

/** Bodies and query strings within the depth, size and NUL limits before any validation runs (400 otherwise). */
export function saneInput() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const problem = inputShapeProblem(req.body) ?? inputShapeProblem(req.query);
    if (problem) return refuse(res, new DomainError('bad_request', problem));
    next();
  };
}
