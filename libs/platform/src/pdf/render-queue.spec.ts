import { FairQueue, fairLimits, type QueueTicket } from './render-queue';

interface Job extends QueueTicket {
  name: string;
}

const job = (requester: string, document: string, name: string): Job => ({ requester, document, name });

function drain(queue: FairQueue<Job>): string[] {
  const started: string[] = [];
  for (let item = queue.take(); item; item = queue.take()) started.push(item.name);
  return started;
}

describe('FairQueue', () => {
  it('keeps one thread free for another document while a hostile document has many pages waiting', () => {
    const queue = new FairQueue<Job>(fairLimits(2));
    for (let i = 1; i <= 6; i++) queue.push(job('attacker', 'bomb', `bomb-${i}`));
    queue.push(job('member', 'agenda', 'agenda-1'));
    expect(drain(queue)).toEqual(['bomb-1', 'agenda-1']);
  });

  it('lets the same user’s second document start although the first one is busy (per-document caps)', () => {
    const queue = new FairQueue<Job>({ slots: 3, perRequester: 2, perDocument: 1, maxWaitingPerRequester: 10 });
    queue.push(job('u', 'a', 'a1'));
    queue.push(job('u', 'a', 'a2'));
    queue.push(job('u', 'b', 'b1'));
    expect(drain(queue)).toEqual(['a1', 'b1']);
  });

  it('serves requesters in turn, each from the oldest of its own pages', () => {
    const queue = new FairQueue<Job>({ slots: 1, perRequester: 1, perDocument: 1, maxWaitingPerRequester: 10 });
    for (const name of ['a1', 'a2', 'a3']) queue.push(job('a', `doc-${name}`, name));
    for (const name of ['b1', 'b2']) queue.push(job('b', `doc-${name}`, name));
    queue.push(job('c', 'doc-c1', 'c1'));
    const order: string[] = [];
    for (let item = queue.take(); item; item = queue.take()) {
      order.push(item.name);
      queue.done(item);
    }
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  });

  it('starts nothing beyond the pool and resumes as pages finish', () => {
    const queue = new FairQueue<Job>(fairLimits(2));
    const a = job('a', 'x', 'a');
    const b = job('b', 'y', 'b');
    const c = job('c', 'z', 'c');
    [a, b, c].forEach((j) => queue.push(j));
    expect(drain(queue)).toEqual(['a', 'b']);
    expect(queue.running).toBe(2);
    queue.done(a);
    expect(drain(queue)).toEqual(['c']);
    expect(queue.queued).toBe(0);
  });

  it('refuses a requester whose line is full, and forgets items given up', () => {
    const queue = new FairQueue<Job>({ slots: 1, perRequester: 1, perDocument: 1, maxWaitingPerRequester: 2 });
    const first = job('a', 'x', '1');
    expect(queue.push(first)).toBe(true);
    expect(queue.push(job('a', 'x', '2'))).toBe(true);
    expect(queue.push(job('a', 'x', '3'))).toBe(false);
    expect(queue.push(job('b', 'x', 'b'))).toBe(true);
    expect(queue.remove(first)).toBe(true);
    expect(queue.remove(first)).toBe(false);
    expect(drain(queue)).toEqual(['2']);
  });
});
