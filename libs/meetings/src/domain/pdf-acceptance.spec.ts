import { assertAcceptable, assertComplete, assertPageDrawable, pageText } from './pdf-acceptance';

describe('PDF acceptance', () => {
  it('wants the end-of-file marker near the end', () => {
    expect(() => assertComplete(Buffer.from('%PDF-1.7\n...\n%%EOF\n'))).not.toThrow();
    expect(() => assertComplete(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog'))).toThrow(
      expect.objectContaining({ code: 'unprocessable' }),
    );
  });

  it('refuses encrypted and empty documents', () => {
    const ok = { pageCount: 2, pageSizes: [], texts: [], encrypted: false };
    expect(() => assertAcceptable(ok)).not.toThrow();
    expect(() => assertAcceptable({ ...ok, encrypted: true })).toThrow(/encrypted/);
    expect(() => assertAcceptable({ ...ok, pageCount: 0 })).toThrow(/no pages/);
  });

  it('joins text runs into searchable text', () => {
    expect(pageText([{ str: '令和六年度', hasEOL: false }, { str: '庁議資料', hasEOL: true }, { str: '  議題　一 ' }])).toBe(
      '令和六年度庁議資料\n議題 一',
    );
  });
});

describe('assertPageDrawable', () => {
  it('lets a page without a remembered failure through and refuses a remembered one with its reason', () => {
    expect(() => assertPageDrawable(3, null)).not.toThrow();
    expect(() => assertPageDrawable(3, { reason: 'pdf_too_slow', failedAt: new Date() })).toThrow(
      expect.objectContaining({ code: 'unprocessable', message: expect.stringContaining('(pdf_too_slow)') }),
    );
  });
});
