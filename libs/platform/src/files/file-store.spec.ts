import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { FileStore } from './file-store.service';

describe('FileStore', () => {
  let root: string;
  let store: FileStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'yakuba-files-'));
    store = new FileStore({ filesDir: root, uploadMaxBytes: 1 << 20 } as AppConfig);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('stores the same bytes uploaded many times at once under one key, whole, and leaves no temporary file', async () => {
    const bytes = Buffer.from('%PDF-1.7 the same document from every uploader\n'.repeat(2_000));
    const key = createHash('sha256').update(bytes).digest('hex');
    const keys = await Promise.all(Array.from({ length: 40 }, () => store.put(bytes)));
    expect(new Set(keys)).toEqual(new Set([key]));
    expect((await readFile(store.pathOf(key))).equals(bytes)).toBe(true);
    expect(await readdir(join(root, key.slice(0, 2)))).toEqual([key]);
  });
});
