import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { join } from 'node:path';
import {
  AuthenticatedIoAdapter,
  SeedService,
  ensureDatabase,
  migrate,
  pendingMigrations,
  startEmbeddedPostgres,
  withDatabase,
  type AppConfig,
  type EmbeddedPostgresHandle,
} from '@yakuba/platform';
import { AppModule } from './app.module';
import { configureHttp } from './http-setup';
import { SCHEMA } from './schema';

export interface RunningServer {
  app: NestExpressApplication;
  url: string;
  port: number;
  databaseUrl: string;
  close(): Promise<void>;
}

const log = (message: string) =>
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), context: 'bootstrap', msg: message })}\n`);

/** config → database (embedded or DATABASE_URL) → migrations → seed → listen. */
export async function startServer(config: AppConfig, options: { quiet?: boolean } = {}): Promise<RunningServer> {
  const say = options.quiet ? () => undefined : log;
  let embedded: EmbeddedPostgresHandle | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dir: join(config.dataDir, 'pg'),
      port: config.embeddedPgPort,
      settings: config.embeddedPgSettings,
      log: (m) => (m.includes('ERROR') || m.includes('FATAL') ? say(m) : undefined),
    });
    databaseUrl = withDatabase(embedded.url, 'yakuba');
    say(`embedded PostgreSQL running for ${config.dataDir}`);
  }
  let app: NestExpressApplication | undefined;
  try {
    await ensureDatabase(databaseUrl);
    if (config.migrateOnStart) {
      const ran = await migrate(databaseUrl, SCHEMA);
      if (ran.length) say(`migrations applied: ${ran.join(', ')}`);
    } else {
      const pending = await pendingMigrations(databaseUrl, SCHEMA);
      if (pending.length)
        throw new Error(`${pending.length} migrations are pending (${pending.join(', ')}): run \`npm run migrate\` first`);
    }
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, databaseUrl, schema: SCHEMA }), {
      bufferLogs: true,
      bodyParser: true,
    });
    app.useLogger(app.get(Logger));
    app.useWebSocketAdapter(new AuthenticatedIoAdapter(app));
    app.enableShutdownHooks([]);
    configureHttp(app, config);
    await app.init();
    await app.get(SeedService).seedIfEmpty();
    await app.listen(config.port, config.host);
    const address = app.getHttpServer().address() as { port: number };
    const url = `http://localhost:${address.port}`;
    say(`Yakuba is serving ${url}`);
    let closing: Promise<void> | undefined;
    const started = app;
    return {
      app: started,
      url,
      port: address.port,
      databaseUrl,
      close: () =>
        (closing ??= (async () => {
          await started.close();
          await embedded?.stop();
        })()),
    };
  } catch (error) {
    // A start that fails after init (seed, listen) must not leave the modules' timers and pools running.
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
}
