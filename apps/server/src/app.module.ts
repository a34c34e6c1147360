import { Module, type DynamicModule } from '@nestjs/common';
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
            // One compact line per API request: no headers (they hold credentials), no bodies.
            serializers: {
              req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
                ip: req.remoteAddress,
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
