import { parseMentions } from './mentions';

describe('parseMentions', () => {
  it('finds usernames, @channel and @here', () => {
    expect(parseMentions('@sato.somu さん、@here 確認お願いします。@channel')).toEqual({
      usernames: ['sato.somu'],
      channel: true,
      here: true,
    });
  });

  it('treats @all and @全員 as @channel', () => {
    expect(parseMentions('@全員 安否確認をお願いします').channel).toBe(true);
    expect(parseMentions('@all please').channel).toBe(true);
  });

  it('drops sentence punctuation after a name and de-duplicates', () => {
    expect(parseMentions('Thanks @suzuki.somu. And @SUZUKI.SOMU!').usernames).toEqual(['suzuki.somu']);
  });

  it('ignores e-mail addresses and code', () => {
    expect(parseMentions('mail admin@example.jp or `@here` or\n```\n@channel\n```').usernames).toEqual([]);
    expect(parseMentions('`@here`').here).toBe(false);
    expect(parseMentions('```\n@channel\n```').channel).toBe(false);
  });

  it('finds a mention right after Japanese text', () => {
    expect(parseMentions('至急@tanaka.kikaku').usernames).toEqual(['tanaka.kikaku']);
  });
});
