import { DomainError } from '@yakuba/contracts';
import { assertCanDelete, assertCanEdit, checkBody, checkChannelName, checkReaction, directKey } from './message-rules';

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('message rules', () => {
  it('limits body length to 10,000 characters (too_large) and refuses empty bodies without files', () => {
    expect(code(() => checkBody('あ'.repeat(10_000), 0))).toBe('ok');
    expect(code(() => checkBody('あ'.repeat(10_001), 0))).toBe('too_large');
    expect(code(() => checkBody('  ', 0))).toBe('bad_request');
    expect(code(() => checkBody('', 1))).toBe('ok');
  });

  it('normalises channel names', () => {
    expect(checkChannelName('  防災   訓練 ')).toBe('防災 訓練');
    expect(code(() => checkChannelName('   '))).toBe('bad_request');
  });

  it('keys direct conversations by their sorted members', () => {
    expect(directKey(['b', 'a', 'b'])).toBe('a,b');
  });

  it('lets only the author edit, and the author, owner or admin delete', () => {
    expect(code(() => assertCanEdit({ authorId: 'a', deleted: false }, 'b'))).toBe('forbidden');
    expect(code(() => assertCanEdit({ authorId: 'a', deleted: true }, 'a'))).toBe('conflict');
    expect(code(() => assertCanDelete({ authorId: 'a', deleted: false }, 'b', false, false))).toBe('forbidden');
    expect(code(() => assertCanDelete({ authorId: 'a', deleted: false }, 'b', true, false))).toBe('ok');
    expect(code(() => assertCanDelete({ authorId: 'a', deleted: false }, 'b', false, true))).toBe('ok');
  });

  it('accepts an emoji or :name: as a reaction', () => {
    expect(checkReaction('👍')).toBe('👍');
    expect(checkReaction(':ok:')).toBe(':ok:');
    expect(code(() => checkReaction('a b'))).toBe('bad_request');
  });
});
