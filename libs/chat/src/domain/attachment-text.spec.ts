import { MAX_ATTACHMENT_TEXT, pdfSearchText } from './attachment-text';
import { attachmentTerms, excerptAround, parseSearchQuery } from './search-terms';

describe('pdfSearchText', () => {
  it('joins runs, keeps line ends, squeezes spaces and separates pages', () => {
    const text = pdfSearchText([
      [
        { str: '避難所', hasEOL: false },
        { str: '運営　マニュアル 2026', hasEOL: true },
        { str: '第1章  開設', hasEOL: false },
      ],
      [],
      [{ str: '  毛布の配布 ', hasEOL: false }],
    ]);
    expect(text).toBe('避難所運営 マニュアル 2026\n第1章 開設\n\n毛布の配布');
  });

  it('joins Japanese lines wrapped at the margin, so that no word is cut', () => {
    const text = pdfSearchText([
      [
        { str: '体育館に段ボール', hasEOL: true },
        { str: 'ベッドを設置する。', hasEOL: true },
        { str: 'Section 2', hasEOL: false },
      ],
    ]);
    expect(text).toBe('体育館に段ボールベッドを設置する。\nSection 2');
  });

  it('caps the text', () => {
    const page = [{ str: 'あ'.repeat(150_000), hasEOL: false }];
    expect(pdfSearchText([page, page]).length).toBe(MAX_ATTACHMENT_TEXT);
  });
});

describe('attachment search terms and excerpts', () => {
  it('indexes the name and the text so that a query finds either', () => {
    const terms = new Set(attachmentTerms('備蓄品一覧.pdf', '毛布 200枚、飲料水 500本'));
    for (const q of ['備蓄', '一覧', 'pdf', '毛布', '飲料水']) {
      expect(parseSearchQuery(q).terms.every((t) => terms.has(t))).toBe(true);
    }
  });

  it('cuts a passage around the first match with highlights inside it', () => {
    const text = `${'前置き'.repeat(40)}\n\n避難所の毛布は体育館倉庫にあります。${'後書き'.repeat(40)}`;
    const found = excerptAround(text, ['毛布'], 10)!;
    expect(found.excerpt.startsWith('…')).toBe(true);
    expect(found.excerpt.endsWith('…')).toBe(true);
    expect(found.excerpt).toContain('避難所の毛布は体育館倉庫');
    const [h] = found.highlights;
    expect(found.excerpt.slice(h.start, h.end)).toBe('毛布');
    expect(excerptAround(text, ['存在しない'])).toBeUndefined();
  });

  it('never splits a surrogate pair', () => {
    const found = excerptAround(`${'𠮷'.repeat(10)}毛布`, ['毛布'], 3)!;
    expect(found.excerpt).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
