import { ConfigError, IDLE_GC_DEFAULTS, loadConfig, startIdleGc } from '@yakuba/platform';
import { startServer, type RunningServer } from './bootstrap';
import { lowerGcThreadPriority } from './gc-threads';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  lowerGcThreadPriority(config.gcThreadNice);
  const running: { server?: RunningServer } = {};
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg: `${signal}: closing sockets, stopping PostgreSQL` })}\n`);
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    (running.server?.close() ?? Promise.resolve()).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  running.server = await startServer(config);
  startIdleGc({ ...IDLE_GC_DEFAULTS, quietMs: config.idleGcQuietMs });
  if (stopping) await running.server.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`Yakuba failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
