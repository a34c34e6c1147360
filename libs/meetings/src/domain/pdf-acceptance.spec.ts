import { assertPageDrawable, pageText } from './pdf-acceptance';

describe('PDF acceptance', () => {
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
