import { assertAcceptablePdf, assertCompletePdf, MAX_UPLOAD_PAGES } from './pdf-acceptance';

describe('PDF acceptance (every context that takes PDF uploads)', () => {
  it('wants the end-of-file marker near the end', () => {
    expect(() => assertCompletePdf(Buffer.from('%PDF-1.7\n...\n%%EOF\n'))).not.toThrow();
    expect(() => assertCompletePdf(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog'))).toThrow(
      expect.objectContaining({ code: 'unprocessable' }),
    );
  });

  it('refuses encrypted and empty documents, and more pages than allowed', () => {
    const ok = { pageCount: 2, encrypted: false };
    expect(() => assertAcceptablePdf(ok)).not.toThrow();
    expect(() => assertAcceptablePdf({ ...ok, encrypted: true })).toThrow(/encrypted/);
    expect(() => assertAcceptablePdf({ ...ok, pageCount: 0 })).toThrow(/no pages/);
    expect(() => assertAcceptablePdf({ ...ok, pageCount: MAX_UPLOAD_PAGES })).not.toThrow();
    expect(() => assertAcceptablePdf({ ...ok, pageCount: MAX_UPLOAD_PAGES + 1 })).toThrow(
      expect.objectContaining({ code: 'unprocessable' }),
    );
    expect(() => assertAcceptablePdf({ ...ok, pageCount: 11 }, 10)).toThrow(/more than 10 pages/);
  });
});
