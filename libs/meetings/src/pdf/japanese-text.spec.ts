import { japaneseTextWidth, wrapJapanese } from './japanese-text';

describe('Japanese text layout for the PDFs we write', () => {
  it('measures kanji and kana full-width, ASCII half-width', () => {
    expect(japaneseTextWidth('議事録', 10)).toBe(30);
    expect(japaneseTextWidth('AB12', 10)).toBe(20);
    expect(japaneseTextWidth('第1回', 10)).toBe(25);
  });

  it('wraps to the width and keeps the author’s line breaks', () => {
    expect(wrapJapanese('あいうえおかきくけこ', 10, 40)).toEqual(['あいうえ', 'おかきく', 'けこ']);
    expect(wrapJapanese('一行目\r\n二行目', 10, 100)).toEqual(['一行目', '二行目']);
    expect(wrapJapanese('', 10, 100)).toEqual(['']);
  });
});
