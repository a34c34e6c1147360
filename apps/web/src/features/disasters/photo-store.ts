/**
 * The photos of damage reports waiting in the outbox, kept in IndexedDB (localStorage holds text only, and a few
 * camera pictures exceed its quota): one record per outbox entry, removed once the server has the report.
 */
const DB_NAME = 'yakuba-disaster-photos';
const STORE = 'photos';

interface Stored {
  entryId: string;
  files: { name: string; type: string; blob: Blob }[];
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'entryId' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB is not available'));
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
    });
  } finally {
    db.close();
  }
}

export const photoStore = {
  async put(entryId: string, files: File[]): Promise<void> {
    const record: Stored = { entryId, files: files.map((f) => ({ name: f.name, type: f.type, blob: f })) };
    await run('readwrite', (s) => s.put(record));
  },
  async get(entryId: string): Promise<File[]> {
    const record = (await run('readonly', (s) => s.get(entryId))) as Stored | undefined;
    return (record?.files ?? []).map((f) => new File([f.blob], f.name, { type: f.type }));
  },
  async remove(entryId: string): Promise<void> {
    await run('readwrite', (s) => s.delete(entryId));
  },
};
