import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '@yakuba/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * The one interface to uploaded bytes: FILES_DIR (default DATA_DIR/files), addressed by their SHA-256 (the same file
 * stored twice takes space once), never changed or deleted. Written to a temporary name and renamed, so a crash never
 * leaves half a file under a real key; several nodes share one volume safely (same key, same bytes; rename is atomic
 * on one file system). Every context goes through `put`, `open` and `pathOf` (the PDF workers read a path).
 */
@Injectable()
export class FileStore {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.root = config.filesDir;
  }

  /** UPLOAD_MAX_MB in bytes: the limit for every upload. */
  get maxBytes(): number {
    return this.config.uploadMaxBytes;
  }

  async put(bytes: Buffer): Promise<string> {
    const key = createHash('sha256').update(bytes).digest('hex');
    const dir = join(this.root, key.slice(0, 2));
    const path = join(dir, key);
    try {
      await stat(path);
      return key;
    } catch {
      await mkdir(dir, { recursive: true });
      // A name of its own for every write: two uploads of the same bytes at once (same key, same millisecond) must
      // not share a temporary file, or the second rename finds it gone. Both renames land the same bytes.
      const tmp = `${path}.${randomUUID()}.tmp`;
      await writeFile(tmp, bytes, { flag: 'wx' });
      await rename(tmp, path);
      return key;
    }
  }

  pathOf(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new DomainError('not_found', 'file not found');
    return join(this.root, key.slice(0, 2), key);
  }

  open(key: string): ReadStream {
    return createReadStream(this.pathOf(key));
  }
}
