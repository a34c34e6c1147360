/**
 * Japanese text in a PDF without embedding a font, the way many Japanese office PDFs (and our demo papers) are
 * made: a Type0 font over the Adobe-Japan1 collection (HeiseiMin-W3, which every Japanese-capable reader provides),
 * encoding UniJIS-UCS2-HW-H, text as UTF-16BE hex. The reader supplies the glyphs (Acrobat, pdf.js with its CMaps,
 * the browsers' viewers on a Japanese system); one without any Japanese font shows boxes. pdfkit has no API for a
 * font it does not embed, so the font objects and text operators are written through its low-level calls.
 */
export const READER_FONT_NAME = 'JpReaderMincho';

type Doc = PDFKit.PDFDocument & {
  ref(data: object): PDFKit.PDFKitReference & { end(): void };
  page: PDFKit.PDFPage & { fonts: Record<string, unknown> };
};

const fonts = new WeakMap<object, PDFKit.PDFKitReference>();

function readerFont(doc: Doc): PDFKit.PDFKitReference {
  const known = fonts.get(doc);
  if (known) return known;
  const descriptor = doc.ref({
    Type: 'FontDescriptor',
    FontName: 'HeiseiMin-W3',
    Flags: 6,
    FontBBox: [-123, -257, 1001, 910],
    ItalicAngle: 0,
    Ascent: 723,
    Descent: -241,
    CapHeight: 709,
    StemV: 69,
  });
  descriptor.end();
  // Half-width roman and katakana (CIDs 231–389 under the HW encoding) are half as wide as kanji and kana.
  const cidFont = doc.ref({
    Type: 'Font',
    Subtype: 'CIDFontType0',
    BaseFont: 'HeiseiMin-W3',
    // String objects are written as PDF strings, plain strings as names.
    CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Japan1'), Supplement: 2 },
    FontDescriptor: descriptor,
    DW: 1000,
    W: [231, 389, 500],
  });
  cidFont.end();
  const type0 = doc.ref({
    Type: 'Font',
    Subtype: 'Type0',
    BaseFont: 'HeiseiMin-W3',
    Encoding: 'UniJIS-UCS2-HW-H',
    DescendantFonts: [cidFont],
  });
  type0.end();
  fonts.set(doc, type0);
  return type0;
}

const utf16Hex = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i).toString(16).padStart(4, '0')).join('');

/** One line with its baseline at (x, baseline), in pdfkit's top-left coordinates. */
export function drawReaderFontLine(pdf: PDFKit.PDFDocument, text: string, x: number, baseline: number, size: number, colour: string): void {
  const doc = pdf as Doc;
  doc.page.fonts[READER_FONT_NAME] = readerFont(doc);
  doc.save().fillColor(colour);
  // pdfkit's pages are flipped (y down): the text matrix flips the glyphs back upright.
  doc.addContent(`BT /${READER_FONT_NAME} ${size} Tf 1 0 0 -1 ${x} ${baseline} Tm <${utf16Hex(text)}> Tj ET`);
  doc.restore();
}
