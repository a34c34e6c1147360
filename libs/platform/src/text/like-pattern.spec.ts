import { escapeLike, likePattern } from './like-pattern';

describe('LIKE patterns', () => {
  it('escapes the wildcard characters and the escape character', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
  });
  it('finds the text anywhere or at the start', () => {
    expect(likePattern('町')).toBe('%町%');
    expect(likePattern('chat.', 'prefix')).toBe('chat.%');
  });
});
