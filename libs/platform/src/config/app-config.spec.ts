import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'yakuba-config-'));

  it('applies the documented defaults', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config).toMatchObject({
      port: 3000,
      seedDemo: true,
      demoPassword: 'yakuba-demo',
      uploadMaxBytes: 50 * 1024 * 1024,
      databaseUrl: undefined,
      timeZone: 'Asia/Tokyo',
    });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
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
    ['TIME_ZONE', 'Tokyo/Asia'],
    ['TIME_ZONE', 'JST+9'],
  ])('stops on %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir(), [name]: value })).toThrow(new RegExp(`${name}=`));
  });

  it('reads booleans and numbers from strings', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), SEED_DEMO: 'false', PORT: '8080', COOKIE_SECURE: 'true' })).toMatchObject({
      seedDemo: false,
      port: 8080,
      cookieSecure: true,
    });
  });

  it('takes the organisation’s time zone by its IANA name, spelled as Intl spells it', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), TIME_ZONE: 'America/New_York' }).timeZone).toBe('America/New_York');
    expect(loadConfig({ DATA_DIR: dataDir(), TIME_ZONE: 'asia/tokyo' }).timeZone).toBe('Asia/Tokyo');
    expect(loadConfig({ DATA_DIR: dataDir(), TIME_ZONE: 'UTC' }).timeZone).toBe('UTC');
  });
});
