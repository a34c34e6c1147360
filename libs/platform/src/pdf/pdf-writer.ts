import PDFDocument from 'pdfkit';
import { readFileSync } from 'node:fs';
import { breakLines } from './japanese-line-break';
import { notoSansJpPath, type NotoWeight } from './noto-sans-jp';
import { drawReaderFontLine } from './reader-font';

/**
 * Writes the PDFs we produce (minutes, exported notes, and next approvals and disaster reports) in Japanese, on
 * pdfkit (maintained; its fontkit embeds a subset of Noto Sans JP with a ToUnicode map, so a reader without any
 * Japanese font shows the text and pdf.js extracts it back). pdfkit only wraps at spaces: lines are broken here
 * with 禁則処理 (japanese-line-break.ts) and each is set on its own, so layout and page breaks are ours.
 * Coordinates are in points from the page's top-left corner.
 */
export const A4: PageSize = [595.28, 841.89];

export type PageSize = [width: number, height: number];
/** A CSS-style hex colour: `#1a4080`. */
export type Colour = string;

export interface PdfLayout {
  /** Document title (metadata). */
  title: string;
  size?: PageSize;
  margin?: number;
  /** Small text at the top of every page, e.g. the meeting's name. */
  header?: string;
  /** 「n / N」 at the bottom of every page. */
  pageNumbers?: boolean;
}

export interface TextStyle {
  size?: number;
  weight?: NotoWeight;
  colour?: Colour;
  /** From the left margin, in points. */
  indent?: number;
  /** Line height as a multiple of the size. */
  leading?: number;
}

export interface TableColumn {
  header: string;
  /** A share of the text width; shares need not add up to 1, they are scaled to fill it. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface TableSpec {
  columns: TableColumn[];
  rows: string[][];
  size?: number;
}

const FONT_NAMES: Record<NotoWeight, string> = { regular: 'NotoSansJP', bold: 'NotoSansJP-Bold' };
// The faces are read once (5 MB each) and kept; each document embeds only the glyphs it uses.
const fontFiles = new Map<NotoWeight, Buffer>();
const fontFile = (weight: NotoWeight) => {
  let bytes = fontFiles.get(weight);
  if (!bytes) fontFiles.set(weight, (bytes = readFileSync(notoSansJpPath(weight))));
  return bytes;
};

export class JapanesePdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly margin: number;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<void>;
  private y: number;

  constructor(private readonly layout: PdfLayout) {
    this.margin = layout.margin ?? 56;
    this.doc = new PDFDocument({
      size: layout.size ?? A4,
      margin: this.margin,
      bufferPages: Boolean(layout.header || layout.pageNumbers),
      info: { Title: layout.title },
      autoFirstPage: false,
    });
    for (const weight of ['regular', 'bold'] as const) this.doc.registerFont(FONT_NAMES[weight], fontFile(weight));
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.ended = new Promise((resolve, reject) => {
      this.doc.on('end', resolve);
      this.doc.on('error', reject);
    });
    this.y = this.margin;
  }

  /** Width available to text between the margins. */
  get textWidth(): number {
    return this.pageWidth - this.margin * 2;
  }

  get pageWidth(): number {
    return this.doc.page?.width ?? (this.layout.size ?? A4)[0];
  }

  get pageCount(): number {
    return this.doc.bufferedPageRange().count;
  }

  /** A new page (of `size`, or the document's), the cursor at its top margin. */
  addPage(size?: PageSize): this {
    this.doc.addPage({ size: size ?? this.layout.size ?? A4, margin: this.margin });
    this.y = this.margin;
    return this;
  }

  /** Lines of `text` as they would be set in `style` within `width` (default: the text width less the indent). */
  wrap(text: string, style: TextStyle = {}, width?: number): string[] {
    this.use(style);
    return breakLines(text, width ?? this.textWidth - (style.indent ?? 0), (t) => this.doc.widthOfString(t));
  }

  /** Text set in flowing lines from the cursor, page after page as needed. */
  paragraph(text: string, style: TextStyle = {}): this {
    const size = style.size ?? 10.5;
    const height = size * (style.leading ?? 1.5);
    for (const line of this.wrap(text, style)) {
      this.ensureRoom(height);
      this.ink(style).text(line, this.margin + (style.indent ?? 0), this.y + (height - size) / 2, { lineBreak: false });
      this.y += height;
    }
    return this;
  }

  /** The document's title line: large and bold. */
  title(text: string): this {
    this.paragraph(text, { size: 18, weight: 'bold', leading: 1.6 });
    return this.space(6);
  }

  heading(text: string, style: TextStyle = {}): this {
    this.space(8);
    return this.paragraph(text, { size: 13, weight: 'bold', ...style });
  }

  space(points: number): this {
    this.y += points;
    return this;
  }

  /** A thin horizontal line across the text width. */
  rule(colour: Colour = '#808080'): this {
    this.ensureRoom(8);
    this.y += 4;
    this.doc
      .save()
      .moveTo(this.margin, this.y)
      .lineTo(this.pageWidth - this.margin, this.y)
      .lineWidth(0.5)
      .strokeColor(colour)
      .stroke()
      .restore();
    this.y += 4;
    return this;
  }

  /** A table with a header row, repeated at the top of each page it continues on; cells wrap with 禁則. */
  table(spec: TableSpec): this {
    const size = spec.size ?? 9.5;
    const lineHeight = size * 1.45;
    const pad = 4;
    const total = spec.columns.reduce((sum, c) => sum + c.width, 0);
    const widths = spec.columns.map((c) => (c.width / total) * this.textWidth);
    const layoutRow = (cells: string[], weight: NotoWeight) => {
      const lines = spec.columns.map((_, i) => this.wrap(cells[i] ?? '', { size, weight }, widths[i] - pad * 2));
      return { lines, height: Math.max(...lines.map((l) => l.length)) * lineHeight + pad * 2 };
    };
    const drawRow = (row: ReturnType<typeof layoutRow>, weight: NotoWeight, fill?: Colour) => {
      let x = this.margin;
      row.lines.forEach((lines, i) => {
        if (fill) this.doc.save().rect(x, this.y, widths[i], row.height).fill(fill).restore();
        this.doc.save().rect(x, this.y, widths[i], row.height).lineWidth(0.5).stroke('#808080').restore();
        lines.forEach((line, n) => {
          const style = { size, weight };
          const free = widths[i] - pad * 2 - this.use(style).widthOfString(line);
          const align = spec.columns[i].align ?? 'left';
          const dx = align === 'right' ? free : align === 'center' ? free / 2 : 0;
          this.ink(style).text(line, x + pad + dx, this.y + pad + n * lineHeight + (lineHeight - size) / 2, { lineBreak: false });
        });
        x += widths[i];
      });
      this.y += row.height;
    };
    const header = layoutRow(
      spec.columns.map((c) => c.header),
      'bold',
    );
    this.ensureRoom(header.height + lineHeight + pad * 2);
    drawRow(header, 'bold', '#eef1f6');
    for (const cells of spec.rows) {
      const row = layoutRow(cells, 'regular');
      if (this.y + row.height > this.bottom && this.y > this.margin + header.height) {
        this.addPage();
        drawRow(header, 'bold', '#eef1f6');
      }
      drawRow(row, 'regular');
    }
    return this.space(6);
  }

  /** Lines already broken, set from (x, y) downwards, not flowing to another page (notes on a page). */
  textAt(lines: string[], x: number, y: number, style: TextStyle = {}): this {
    const size = style.size ?? 10.5;
    const height = size * (style.leading ?? 1.3);
    lines.forEach((line, n) => this.ink(style).text(line, x, y + n * height + (height - size) / 2, { lineBreak: false }));
    return this;
  }

  /** One line with its baseline at (x, baseline), in the embedded font: a label or stamp placed exactly. */
  lineAt(text: string, x: number, baseline: number, style: TextStyle = {}): this {
    if (this.pageCount === 0) this.addPage();
    this.ink(style).text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
    return this;
  }

  /**
   * A line in a Japanese font the reader supplies, not embedded (reader-font.ts): for papers made as most offices
   * make them, like the demo agenda. `baseline` is from the top of the page; measure with monospaceJapaneseWidth.
   */
  readerFontLine(text: string, x: number, baseline: number, size: number, colour: Colour = '#000000'): this {
    if (this.pageCount === 0) this.addPage();
    drawReaderFontLine(this.doc, text, x, baseline, size, colour);
    return this;
  }

  /** A PNG or JPEG (a JPEG is embedded as it is; a PNG is re-encoded, slowly for large images). */
  image(bytes: Uint8Array, x: number, y: number, width: number, height: number): this {
    this.doc.image(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), x, y, { width, height });
    return this;
  }

  /** A stroke through points given as [x0, y0, x1, y1, ...], with round ends and joins. */
  polyline(points: number[], options: { width: number; colour: Colour; opacity?: number }): this {
    if (points.length < 4) return this;
    this.doc
      .save()
      .lineWidth(options.width)
      .lineCap('round')
      .lineJoin('round')
      .strokeColor(options.colour, options.opacity ?? 1);
    this.doc.moveTo(points[0], points[1]);
    for (let k = 2; k + 1 < points.length; k += 2) this.doc.lineTo(points[k], points[k + 1]);
    this.doc.stroke().restore();
    return this;
  }

  box(x: number, y: number, width: number, height: number, options: { fill?: Colour; border?: Colour; borderWidth?: number }): this {
    this.doc.save().rect(x, y, width, height);
    if (options.fill && options.border) this.doc.lineWidth(options.borderWidth ?? 0.5).fillAndStroke(options.fill, options.border);
    else if (options.fill) this.doc.fill(options.fill);
    else if (options.border) this.doc.lineWidth(options.borderWidth ?? 0.5).stroke(options.border);
    this.doc.restore();
    return this;
  }

  /** Adds the page headers and numbers, ends the document and gives its bytes. */
  async finish(): Promise<Uint8Array> {
    if (this.pageCount === 0) this.addPage();
    if (this.layout.header || this.layout.pageNumbers) {
      const { start, count } = this.doc.bufferedPageRange();
      for (let i = start; i < start + count; i++) {
        this.doc.switchToPage(i);
        const width = this.doc.page.width;
        const style: TextStyle = { size: 8, colour: '#666666' };
        if (this.layout.header) {
          const header = this.wrap(this.layout.header, style, this.textWidth)[0];
          this.textAt([header], this.margin, this.margin / 2 - 4, style);
        }
        if (this.layout.pageNumbers) {
          const label = `${i - start + 1} / ${count}`;
          this.textAt([label], (width - this.use(style).widthOfString(label)) / 2, this.doc.page.height - this.margin / 2 - 4, style);
        }
      }
    }
    this.doc.end();
    await this.ended;
    return new Uint8Array(Buffer.concat(this.chunks));
  }

  private get bottom(): number {
    return this.doc.page.height - this.margin;
  }

  private ensureRoom(height: number): void {
    if (this.pageCount === 0 || this.y + height > this.bottom) this.addPage();
  }

  /** Selects the style's font and size (for measuring: needs no page). */
  private use(style: TextStyle): PDFKit.PDFDocument {
    return this.doc.font(FONT_NAMES[style.weight ?? 'regular']).fontSize(style.size ?? 10.5);
  }

  /** Selects the style for drawing on the current page. */
  private ink(style: TextStyle): PDFKit.PDFDocument {
    return this.use(style).fillColor(style.colour ?? '#000000');
  }
}
