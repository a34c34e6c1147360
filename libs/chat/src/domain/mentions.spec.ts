import { parseMentions, resolveDepartmentMentions } from './mentions';

describe('parseMentions', () => {
  it('finds usernames, @channel and @here', () => {
    expect(parseMentions('@sato.somu さん、@here 確認お願いします。@channel')).toEqual({
      usernames: ['sato.somu'],
      channel: true,
      here: true,
      groups: [],
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

describe('department mentions', () => {
  const departments = [
    { id: 'somu', name: '総務課' },
    { id: 'kikaku', name: '企画財政課' },
    { id: 'kyoiku', name: '教育委員会' },
    { id: 'kyo', name: '教育' },
  ];

  it('keeps Japanese runs after @ as group candidates, apart from usernames', () => {
    expect(parseMentions('@総務課 の皆さん、@sato.somu さんも')).toEqual({
      usernames: ['sato.somu'],
      channel: false,
      here: false,
      groups: ['総務課'],
    });
    expect(parseMentions('至急@企画財政課各位').groups).toEqual(['企画財政課各位']);
    expect(parseMentions('`@総務課`').groups).toEqual([]);
  });

  it('still reads @全員 as @channel', () => {
    const parsed = parseMentions('@全員 集合してください');
    expect(parsed.channel).toBe(true);
    expect(parsed.groups).toEqual([]);
  });

  it('resolves a run to the longest department name it starts with, followed by a particle or a collective suffix', () => {
    expect(resolveDepartmentMentions(['総務課'], departments)).toEqual(['somu']);
    expect(resolveDepartmentMentions(['総務課の皆さん', '企画財政課各位'], departments)).toEqual(['somu', 'kikaku']);
    expect(resolveDepartmentMentions(['教育委員会'], departments)).toEqual(['kyoiku']);
    expect(resolveDepartmentMentions(['教育へ'], departments)).toEqual(['kyo']);
  });

  it('names no department when a longer noun follows or nothing matches', () => {
    expect(resolveDepartmentMentions(['総務課長'], departments)).toEqual([]);
    expect(resolveDepartmentMentions(['建設課'], departments)).toEqual([]);
    expect(resolveDepartmentMentions([], departments)).toEqual([]);
  });
});
