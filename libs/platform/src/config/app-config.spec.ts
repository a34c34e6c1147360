import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  const made: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'yakuba-config-'));
    made.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('applies the documented defaults', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config).toMatchObject({
      port: 3000,
      seedDemo: true,
      demoPassword: 'yakuba-demo',
      uploadMaxBytes: 50 * 1024 * 1024,
      databaseUrl: undefined,
      timeZone: 'Asia/Tokyo',
      databasePoolSize: Math.max(10, 4 * availableParallelism()),
      gcThreadNice: 19,
      idleGcQuietMs: 2000,
    });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.redisUrl).toBeUndefined();
  });

  it('reads REDIS_URL (several nodes) as given', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), REDIS_URL: 'redis://redis:6379/0' }).redisUrl).toBe('redis://redis:6379/0');
  });

  it('keeps the generated secret across restarts', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(loadConfig({ DATA_DIR: dir }).jwtSecret);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['SEED_DEMO', 'maybe'],
    ['JWT_SECRET', 'short'],
    ['LOG_LEVEL', 'loud'],
    ['UPLOAD_MAX_MB', '0'],
    ['REDIS_URL', 'localhost:6379'],
    ['WEB_PUSH_ENABLED', 'perhaps'],
    ['VAPID_SUBJECT', 'http://town.example'],
    ['WEB_PUSH_ALLOWED_HOSTS', 'https://fcm.googleapis.com/'],
    ['WEB_PUSH_PROXY', 'proxy:8080'],
    ['TIME_ZONE', 'Tokyo/Asia'],
    ['TIME_ZONE', 'JST+9'],
    ['DATABASE_POOL_SIZE', '0'],
    ['GC_THREAD_NICE', '20'],
    ['GC_THREAD_NICE', '-5'],
    ['IDLE_GC_QUIET_MS', '-1'],
    ['IDLE_GC_QUIET_MS', 'soon'],
    ['EMBEDDED_PG_SETTINGS', 'track_io_timing'],
    ['EMBEDDED_PG_SETTINGS', 'track_io_timing=on fsync=off'],
    ['EMBEDDED_PG_SETTINGS', 'synchronous_commit=off'],
  ])('stops on %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir(), [name]: value })).toThrow(new RegExp(`${name}=`));
  });

  it('keeps Web Push off by default, and wants both VAPID keys or neither', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).webPush).toMatchObject({ enabled: false, allowedHosts: [], vapidSubject: 'mailto:yakuba@localhost' });
    expect(() => loadConfig({ DATA_DIR: dataDir(), VAPID_PUBLIC_KEY: 'B'.repeat(87) })).toThrow(/give both or neither/);
    expect(loadConfig({ DATA_DIR: dataDir(), WEB_PUSH_ENABLED: 'on', WEB_PUSH_ALLOWED_HOSTS: 'FCM.googleapis.com, .push.apple.com' }).webPush).toMatchObject({
      enabled: true,
      allowedHosts: ['fcm.googleapis.com', '.push.apple.com'],
    });
  });

  it('reads booleans and numbers from strings', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), SEED_DEMO: 'false', PORT: '8080', COOKIE_SECURE: 'true' })).toMatchObject({
      seedDemo: false,
      port: 8080,
      cookieSecure: true,
    });
  });

  it('passes diagnostic settings to the embedded PostgreSQL as name=value pairs', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).embeddedPgSettings).toEqual([]);
    expect(loadConfig({ DATA_DIR: dataDir(), EMBEDDED_PG_SETTINGS: ' shared_preload_libraries=pg_stat_statements  track_wal_io_timing=on ' }).embeddedPgSettings).toEqual([
      'shared_preload_libraries=pg_stat_statements',
      'track_wal_io_timing=on',
    ]);
  });

  it('takes the organisation’s time zone by its IANA name, spelled as Intl spells it', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), TIME_ZONE: 'America/New_York' }).timeZone).toBe('America/New_York');
    expect(loadConfig({ DATA_DIR: dataDir(), TIME_ZONE: 'asia/tokyo' }).timeZone).toBe('Asia/Tokyo');
    expect(loadConfig({ DATA_DIR: dataDir(), TIME_ZONE: 'UTC' }).timeZone).toBe('UTC');
  });
});
