import {
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFPage,
  PDFString,
  type PDFRef,
  beginText,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setFillingRgbColor,
  setFontAndSize,
  setTextMatrix,
  showText,
} from 'pdf-lib';

/**
 * Japanese text in a PDF without embedding a font, as the demo papers are made (the minutes and exported notes
 * embed Noto Sans JP instead: noto-sans-jp.ts): a Type0
 * font over the Adobe-Japan1 collection (HeiseiMin-W3, which every Japanese-capable PDF reader provides),
 * encoding UniJIS-UCS2-HW-H, text as UTF-16BE hex. Many Japanese office PDFs are made this way; the file stays
 * small and no font of several megabytes ships with the server. The reader supplies the glyphs (Acrobat, pdf.js
 * with its CMaps as in our viewer, the browsers' viewers on a Japanese system); a reader without any Japanese
 * font shows boxes: the documented limitation (docs/realtime.md, "Meetings").
 */
export const JAPANESE_FONT_NAME = 'JpMincho';

export function addJapaneseFont(doc: PDFDocument): PDFRef {
  const ctx = doc.context;
  const descriptor = ctx.register(
    ctx.obj({
      Type: 'FontDescriptor',
      FontName: 'HeiseiMin-W3',
      Flags: 6,
      FontBBox: [-123, -257, 1001, 910],
      ItalicAngle: 0,
      Ascent: 723,
      Descent: -241,
      CapHeight: 709,
      StemV: 69,
    }),
  );
  const cidSystemInfo = ctx.obj({ Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Japan1'), Supplement: 2 });
  // Half-width roman and katakana (CIDs 231–389 under the HW encoding) are half as wide as kanji and kana.
  const cidFont = ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'CIDFontType0',
      BaseFont: 'HeiseiMin-W3',
      CIDSystemInfo: cidSystemInfo,
      FontDescriptor: descriptor,
      DW: 1000,
      W: [231, 389, 500],
    }),
  );
  return ctx.register(
    ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: 'HeiseiMin-W3', Encoding: 'UniJIS-UCS2-HW-H', DescendantFonts: [cidFont] }),
  );
}

/** Width of a text in the font, in points: ASCII half-width, everything else full-width. */
export function japaneseTextWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += ch.codePointAt(0)! < 0x7f || /[\uff61-\uff9f]/.test(ch) ? 0.5 : 1;
  return em * size;
}

/** Breaks text into lines that fit `maxWidth`, keeping the author's line breaks; `measure` gives a text's width. */
export function wrapJapanese(
  text: string,
  size: number,
  maxWidth: number,
  measure: (text: string, size: number) => number = japaneseTextWidth,
): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    for (const ch of paragraph) {
      if (line && measure(line + ch, size) > maxWidth) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
    lines.push(line);
  }
  return lines;
}

function utf16Hex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return hex;
}

/** Draws one line at (x, y) from the bottom-left of the page; registers the font on the page if needed. */
export function drawJapaneseLine(
  page: PDFPage,
  font: PDFRef,
  text: string,
  options: { x: number; y: number; size: number; color?: [number, number, number] },
): void {
  page.node.setFontDictionary(PDFName.of(JAPANESE_FONT_NAME), font);
  const [r, g, b] = options.color ?? [0, 0, 0];
  page.pushOperators(
    pushGraphicsState(),
    beginText(),
    setFillingRgbColor(r, g, b),
    setFontAndSize(JAPANESE_FONT_NAME, options.size),
    setTextMatrix(1, 0, 0, 1, options.x, options.y),
    showText(PDFHexString.of(utf16Hex(text))),
    endText(),
    popGraphicsState(),
  );
}
