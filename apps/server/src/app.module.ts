import { Module, type DynamicModule } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { PlatformModule, type PlatformOptions } from '@yakuba/platform';
import { CONTEXTS } from './contexts';

/** Imports the libraries' modules; no logic of its own. */
@Module({})
export class AppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.config.logLevel,
            // One id a request, from nginx's X-Request-Id when it sent a sane one: in every log line of the request,
            // in the X-Request-Id answer header, and in a 5xx body, so that a user's report leads to its log lines.
            genReqId: (req: IncomingMessage, res: ServerResponse) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(given) ? given : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            // One compact line per API request: no headers (they hold credentials), no bodies.
            serializers: {
              // ip: the client's address as req.ip reads it (X-Forwarded-For of TRUSTED_PROXIES), as the audit log does.
              req: (req: { id: unknown; method: string; url: string; remoteAddress?: string; raw?: { ip?: string } }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
                ip: req.raw?.ip ?? req.remoteAddress,
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            autoLogging: { ignore: (req) => req.url === '/api/health' || !req.url?.startsWith('/api') },
          },
        }),
        PlatformModule.forRoot(options),
        ...CONTEXTS.map((c) => c.module),
      ],
    };
  }
}
