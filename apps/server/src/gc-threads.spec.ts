import { readdirSync, readFileSync } from 'node:fs';
import { lowerGcThreadPriority } from './gc-threads';

/** Each thread of this process: its name and nice value (/proc/self/task/<tid>/stat, field 19). */
function threads(): { name: string; nice: number }[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return {
      name: readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim(),
      nice: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]),
    };
  });
}

describe('lowerGcThreadPriority', () => {
  const linux = process.platform === 'linux';

  it('gives V8 helper threads the nice value and leaves the event loop and the others alone', () => {
    if (!linux) return expect(lowerGcThreadPriority(10)).toBe(0);
    const before = threads();
    const helpers = before.filter((t) => t.name === 'V8Worker').length;
    expect(helpers).toBeGreaterThan(0);
    expect(lowerGcThreadPriority(10)).toBe(helpers);
    const after = threads();
    expect(after.filter((t) => t.name === 'V8Worker').map((t) => t.nice)).toEqual(Array(helpers).fill(10));
    for (const other of after.filter((t) => t.name !== 'V8Worker'))
      expect(other.nice).toBe(before.find((t) => t.name === other.name)?.nice ?? 0);
  });

  it('changes nothing with 0', () => {
    expect(lowerGcThreadPriority(0)).toBe(0);
  });
});
