import { deflateSync } from 'node:zlib';
import { PDF_LIMITS } from './pdf-limits';
import { countOperators, scanPdfStreams } from './pdf-stream-scan';

const pdfWith = (...streams: [dict: string, data: Buffer][]) =>
  Buffer.concat([
    Buffer.from('%PDF-1.7\n'),
    ...streams.flatMap(([dict, data], i) => [
      Buffer.from(`${i + 1} 0 obj\n<< ${dict} /Length ${data.length} >>\nstream\n`),
      data,
      Buffer.from('\nendstream\nendobj\n'),
    ]),
    Buffer.from('%%EOF\n'),
  ]);

describe('countOperators', () => {
  it('counts operators and the characters they show, not operands, names, comments or inline image bytes', () => {
    const content = Buffer.from(
      'BT /F1 12 Tf 72 712 Td (a (nested) Tj \\) ) Tj [(x) -20 (y)] TJ ET % q Q in a comment\n' +
        'q 1 0 0 1 0 0 cm BI /W 2 /H 1 /BPC 8 /CS /G ID \x00EI\xff EI Q <48656c6c6f> Tj f*',
    );
    // BT Tf Td Tj TJ ET q cm BI ID(+EI) Q Tj f*: 14 operators; characters: 17 + 1 + 1 + 5.
    expect(countOperators(content)).toBe(14 + 17 + 1 + 1 + 5);
  });
});

describe('scanPdfStreams', () => {
  it('passes an ordinary compressed page and reports what it decoded', () => {
    const page = Buffer.from('BT /F1 12 Tf 72 712 Td (Hello) Tj ET\n'.repeat(100));
    const scan = scanPdfStreams(pdfWith(['/Filter /FlateDecode', deflateSync(page)]), PDF_LIMITS);
    expect(scan.refusal).toBeNull();
    expect(scan).toMatchObject({ streams: 1, decodedBytes: page.length, operators: 1000, largestContent: 1000 });
  });

  it('refuses a doubly-compressed stream that decodes beyond the ceiling, without decoding all of it', () => {
    const bomb = deflateSync(deflateSync(Buffer.alloc(80 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(4096);
    const scan = scanPdfStreams(pdfWith(['/Filter [/FlateDecode /FlateDecode]', bomb]), PDF_LIMITS);
    expect(scan.refusal?.reason).toBe('pdf_decompression_bomb');
  });

  it('refuses filters nested deeper than the limit and filters named indirectly', () => {
    const data = deflateSync(deflateSync(deflateSync(deflateSync(Buffer.from('q Q')))));
    expect(scanPdfStreams(pdfWith(['/Filter [/Fl /Fl /Fl /Fl]', data]), PDF_LIMITS).refusal?.reason).toBe('pdf_filter_chain');
    expect(scanPdfStreams(pdfWith(['/Filter 9 0 R', data]), PDF_LIMITS).refusal?.reason).toBe('pdf_filter_chain');
  });

  it('refuses a page with more drawing operations than a renderer finishes in time', () => {
    const busy = deflateSync(Buffer.from('(x) Tj '.repeat(PDF_LIMITS.maxOperatorsPerStream / 2 + 1)));
    expect(scanPdfStreams(pdfWith(['/Filter /FlateDecode', busy]), PDF_LIMITS).refusal?.reason).toBe('pdf_too_many_operators');
  });

  it('does not count the operators of data streams (fonts, object streams)', () => {
    const words = deflateSync(Buffer.from('(x) Tj '.repeat(PDF_LIMITS.maxOperatorsPerStream + 1)));
    const scan = scanPdfStreams(pdfWith(['/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', words]), PDF_LIMITS);
    expect(scan.refusal).toBeNull();
    expect(scan.operators).toBe(0);
  });

  it('refuses an image whose declared size is too large, or whose data decodes beyond its declared size', () => {
    const huge = scanPdfStreams(pdfWith(['/Subtype /Image /Width 100000 /Height 100000 /Filter /DCTDecode', Buffer.alloc(10)]), PDF_LIMITS);
    expect(huge.refusal?.reason).toBe('pdf_image_too_large');
    const lying = deflateSync(Buffer.alloc(16 * 1024 * 1024));
    const small = scanPdfStreams(
      pdfWith(['/Subtype /Image /Width 10 /Height 10 /BitsPerComponent 8 /Filter /FlateDecode', lying]),
      PDF_LIMITS,
    );
    expect(small.refusal?.reason).toBe('pdf_decompression_bomb');
  });

  it('refuses a JPEG whose own frame is larger than the limit, whatever the PDF dictionary claims', () => {
    const sof = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0xff, 0xdc, 0xff, 0xdc, 0x01, 0x01, 0x11, 0x00, 0xff,
      0xd9,
    ]);
    const scan = scanPdfStreams(pdfWith(['/Subtype /Image /Width 10 /Height 10 /Filter /DCTDecode', sof]), PDF_LIMITS);
    expect(scan.refusal?.reason).toBe('pdf_image_too_large');
  });

  it('bounds run-length decoding as well', () => {
    // Run-length: 2 bytes give 128 bytes.
    const rl = Buffer.alloc(1_200_001, 0);
    for (let i = 0; i < 1_200_000; i += 2) rl[i] = 129;
    rl[1_200_000] = 128;
    expect(scanPdfStreams(pdfWith(['/Filter /RunLengthDecode', rl]), PDF_LIMITS).refusal?.reason).toBe('pdf_decompression_bomb');
  });
});

describe('LZW decoding in the scan', () => {
  it('decodes the example of the PDF specification and bounds a bomb quickly', () => {
    // PDF 32000-1 §7.4.4.2: 45 45 45 45 45 65 45 45 45 66 encodes to 80 0B 60 50 22 0C 0C 85 01.
    const example = Buffer.from('800b6050220c0c8501', 'hex');
    const content = Buffer.from('-----A---B', 'latin1');
    const scanned = scanPdfStreams(pdfWith(['/Filter /LZWDecode', example]), PDF_LIMITS);
    expect(scanned.refusal).toBeNull();
    expect(scanned.decodedBytes).toBe(content.length);
  });
});
