import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { dirname, join } from 'node:path';
import {
  API_TOKEN_SECURITY,
  clientAddressOf,
  createValidationPipe,
  Metrics,
  proxyTrustOf,
  RefusalAuditor,
  sameOriginWrites,
  saneInput,
  serveMetrics,
  timeRequests,
  withContractSchemas,
  type AppConfig,
} from '@yakuba/platform';

const API_PREFIX = 'api';

export function configureHttp(app: NestExpressApplication, config: AppConfig): void {
  // Who the client is: one rule for HTTP and the socket.io handshake (clientAddressOf). `trust proxy` gets the same
  // predicate (req.protocol, req.hostname), and req.ip is clientAddressOf itself.
  const trust = proxyTrustOf(config);
  app.set('trust proxy', (address: string) => trust(address));
  Object.defineProperty((app.getHttpAdapter().getInstance() as { request: object }).request, 'ip', {
    configurable: true,
    enumerable: true,
    get(this: Request) {
      return clientAddressOf(this, config) ?? undefined;
    },
  });
  app.disable('x-powered-by');
  const metrics = app.get(Metrics);
  app.use(timeRequests(metrics));
  const metricsPage = serveMetrics(metrics, config);
  app.use('/metrics', (req: Request, res: Response, next: NextFunction) => (req.method === 'GET' ? void metricsPage(req, res) : next()));
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.useBodyParser('json', { limit: '1mb' });
  // Writes only from our own pages, only as JSON (or multipart uploads); every input within depth and NUL limits.
  // Refused origins are audited (coalesced per source: a flood of forged requests is one entry and a count).
  const refusals = app.get(RefusalAuditor);
  app.use(
    sameOriginWrites(config, (refusal) => refusals.note(refusal)),
    saneInput(),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          // 'self' covers the same-origin WebSocket (CSP 3); no other origin, ws: or wss: host is reachable.
          connectSrc: ["'self'"],
          workerSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'self'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
        },
      },
      // The town hall's closed network often serves plain HTTP: never force HTTPS from here.
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  setUpOpenApi(app);
  serveWebClient(app, config.webDistDir);
  answerClientErrors(app);
}

const CLIENT_ERRORS: Record<string, { status: number; reason: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    message: 'the request line and headers must stay under 16 KiB: send long values in the body',
  },
  HPE_REQUEST_TIMEOUT: { status: 408, reason: 'Request Timeout', message: 'the request was not received in time' },
};

/**
 * Requests that Node's HTTP parser refuses before any handler runs (a URL or headers over 16 KiB, malformed HTTP)
 * still get the contract's error body, not a bare status line.
 */
function answerClientErrors(app: NestExpressApplication): void {
  (app.getHttpServer() as Server).on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const known = CLIENT_ERRORS[error.code ?? ''] ?? { status: 400, reason: 'Bad Request', message: 'malformed HTTP request' };
    const payload = JSON.stringify({ statusCode: known.status, error: known.reason, message: known.message });
    socket.end(
      `HTTP/1.1 ${known.status} ${known.reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
    );
  });
}

function setUpOpenApi(app: NestExpressApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Yakuba API')
      .setDescription(
        '役場 — chat, paperless meetings, electronic approval and surveys for a town hall. Socket.IO events: docs/realtime.md.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('yakuba_session')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'ykb_…',
          description:
            'An API token of an outside relay (created by an administrator at POST /api/api-tokens, shown once): ' +
            '`Authorization: Bearer ykb_…`. It reaches only the operations that list this scheme, with a scope it ' +
            'holds (`disasters`: declare a disaster, post an urgent message); anything else answers 403, and it opens no socket.',
        },
        API_TOKEN_SECURITY,
      )
      .build(),
  );
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, withContractSchemas(document), { jsonDocumentUrl: `${API_PREFIX}/docs-json`, customSiteTitle: 'Yakuba API' });
}

/** Long-lived and never revalidated: for addresses whose content never changes (a content hash or a version in them). */
const IMMUTABLE = { immutable: true, maxAge: '365d', fallthrough: false } as const;

/**
 * The React client, built by Vite, from this same origin: nothing loads from a CDN. Vite's files carry a content
 * hash and pdf.js's data (CMaps, standard fonts, wasm decoders, colour profiles) sits under the pdf.js version, so
 * both are cached for a year without revalidation (`public, max-age=31536000, immutable`); index.html, which names
 * them, is revalidated on every load so that a new release is picked up at once.
 */
function serveWebClient(app: NestExpressApplication, distDir: string): void {
  const pdfjsPackage = require.resolve('pdfjs-dist/package.json');
  const pdfjsVersion = (JSON.parse(readFileSync(pdfjsPackage, 'utf8')) as { version: string }).version;
  for (const folder of ['cmaps', 'standard_fonts', 'wasm', 'iccs']) {
    app.use(`/pdfjs/${pdfjsVersion}/${folder}`, express.static(join(dirname(pdfjsPackage), folder), IMMUTABLE));
  }
  // Another version's data (a page from before an upgrade) is not here: a plain 404, not the client's index.html.
  app.use('/pdfjs', (_req: Request, res: Response) => res.status(404).type('text/plain').send('Not found'));
  const index = join(distDir, 'index.html');
  const serviceWorker = join(distDir, 'sw.js');
  const manifest = join(distDir, 'manifest.webmanifest');
  app.use('/assets', express.static(join(distDir, 'assets'), IMMUTABLE));
  app.use(
    express.static(distDir, {
      index: false,
      maxAge: '1h',
      // The service worker and the manifest name the current build as index.html does: revalidated on every load.
      setHeaders: (res, path) => (path === index || path === serviceWorker || path === manifest) && res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith(`/${API_PREFIX}`) || req.path.startsWith('/socket.io')) return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The web client is not built yet: run `npm run build:web` (npm start does it).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
