import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateVAPIDKeys } from 'web-push';
import { ConfigError, type AppConfig } from '@yakuba/platform';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/**
 * The server's VAPID key pair: from the environment, else generated once into DATA_DIR/vapid-keys.json (0600) so that
 * devices' subscriptions, which are bound to the public key, survive a restart.
 */
export function vapidKeys(config: AppConfig): VapidKeys {
  const { vapidPublicKey, vapidPrivateKey } = config.webPush;
  if (vapidPublicKey && vapidPrivateKey) return { publicKey: vapidPublicKey, privateKey: vapidPrivateKey };
  const file = join(config.dataDir, 'vapid-keys.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<VapidKeys>;
    if (typeof stored.publicKey === 'string' && typeof stored.privateKey === 'string')
      return { publicKey: stored.publicKey, privateKey: stored.privateKey };
    throw new ConfigError(`${file} is not a VAPID key pair: delete it to have a new one generated`);
  }
  mkdirSync(config.dataDir, { recursive: true });
  const keys = generateVAPIDKeys();
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}
