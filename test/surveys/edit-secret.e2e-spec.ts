import { forgetAllEditSecrets, keepEditSecret, readEditSecret } from '../../apps/web/src/features/surveys/edit-secret';

/** The browser's Storage, in memory (the web client's module runs here unchanged; only the browser API is stood in). */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

describe('web: survey edit secrets at sign-out', () => {
  const storage = new MemoryStorage();
  beforeAll(() => {
    (globalThis as { localStorage?: Storage }).localStorage = storage;
  });
  afterAll(() => {
    delete (globalThis as { localStorage?: Storage }).localStorage;
  });

  it('signing out forgets every secret of the account in this browser, and only those', () => {
    const secret = 'x'.repeat(43);
    expect(keepEditSecret('survey-1', 'user-a', secret)).toBe(true);
    expect(keepEditSecret('survey-2', 'user-a', secret)).toBe(true);
    expect(keepEditSecret('survey-1', 'user-b', secret)).toBe(true);
    storage.setItem('yakuba.other-setting', 'kept');
    expect(forgetAllEditSecrets('user-a')).toBe(2);
    expect(readEditSecret('survey-1', 'user-a')).toBeNull();
    expect(readEditSecret('survey-2', 'user-a')).toBeNull();
    expect(readEditSecret('survey-1', 'user-b')).toBe(secret);
    expect(storage.getItem('yakuba.other-setting')).toBe('kept');
    expect(forgetAllEditSecrets('user-a')).toBe(0);
  });
});
