import { breakLines, monospaceJapaneseWidth, NO_LINE_END, NO_LINE_START } from './japanese-line-break';

// Ten points per full-width character, five per half-width: a line of width 50 holds five kanji.
const measure = (text: string) => monospaceJapaneseWidth(text, 10);
const lines = (text: string, width = 50) => breakLines(text, width, measure);

describe('Japanese line breaking (禁則処理)', () => {
  it('fills lines character by character and keeps the author’s line breaks', () => {
    expect(lines('議事録の作成について')).toEqual(['議事録の作', '成について']);
    expect(lines('第一\n\n第二')).toEqual(['第一', '', '第二']);
    expect(lines('a\r\nb')).toEqual(['a', 'b']);
    expect(lines('')).toEqual(['']);
  });

  it('never starts a line with 、。」）ー・ or a small kana: the character before goes down with it (追い出し)', () => {
    expect(lines('あいうえお。かきくけこ')).toEqual(['あいうえ', 'お。かきく', 'けこ']);
    expect(lines('あいうえお、かき')).toEqual(['あいうえ', 'お、かき']);
    expect(lines('「かぎかっこ」です')).toEqual(['「かぎかっ', 'こ」です']);
    expect(lines('あいうえ（注）です')).toEqual(['あいうえ', '（注）です']);
    expect(lines('あいうえスーパー')).toEqual(['あいうえ', 'スーパー']);
    expect(lines('あいうえお・かき')).toEqual(['あいうえ', 'お・かき']);
    expect(lines('あいうえきょう')).toEqual(['あいうえ', 'きょう']);
    expect(lines('あいうえおっと')).toEqual(['あいうえ', 'おっと']);
    for (const line of lines('これは、とても「長い」文章です。句読点（、や。）が多く、行頭に来そうになります。'.repeat(3), 70)) {
      expect(NO_LINE_START.has([...line][0])).toBe(false);
      expect(NO_LINE_END.has([...line].at(-1)!)).toBe(false);
    }
  });

  it('never ends a line with an opening bracket', () => {
    expect(lines('あいうえ「おかき」')).toEqual(['あいうえ', '「おかき」']);
    expect(lines('あいうえ（おか）')).toEqual(['あいうえ', '（おか）']);
    expect(lines('あいう（えお）')).toEqual(['あいう（え', 'お）']);
  });

  it('lets a forbidden character hang past the margin when nothing else can move (ぶら下げ)', () => {
    expect(lines('あ。。。。。。', 20)).toEqual(['あ。。。。。。']);
    expect(lines('ああ。い', 20)).toEqual(['あ', 'あ。', 'い']);
  });

  it('keeps Latin words and numbers whole, breaks at spaces and drops them there', () => {
    expect(lines('budget 2026 plan', 50)).toEqual(['budget', '2026 plan']);
    expect(lines('予算は12,345,678円', 60)).toEqual(['予算は', '12,345,678円']);
    expect(lines('https://example.jp/very/long/path', 50)).toEqual(['https://ex', 'ample.jp/v', 'ery/long/p', 'ath']);
  });

  it('measures ASCII and half-width katakana as half an em', () => {
    expect(monospaceJapaneseWidth('ＡＢC ｶﾅ', 10)).toBe(40);
  });
});
