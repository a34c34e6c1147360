import { LineCapStyle, PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import type { NoteMemo, NoteStroke } from '@yakuba/contracts';
import { wrapJapanese } from './japanese-text';
import { embedNotoSansJp } from './noto-sans-jp';

export interface AnnotatedDocument {
  title: string;
  /** The PDF, whose annotated pages are copied; or, for a confidential document, `images`. */
  bytes?: Uint8Array;
  /** A confidential document: the watermarked page images the viewer saw (PNG) and the page sizes in points. */
  images?: Map<number, { png: Uint8Array; width: number; height: number }>;
  pages: { page: number; strokes: NoteStroke[]; memos: NoteMemo[] }[];
}

const hex = (color: string) => {
  const c = color.replace('#', '');
  const full = c.length === 3 ? [...c].map((x) => x + x).join('') : c.slice(0, 6);
  return rgb(parseInt(full.slice(0, 2), 16) / 255, parseInt(full.slice(2, 4), 16) / 255, parseInt(full.slice(4, 6), 16) / 255);
};

/**
 * "My notes" as a PDF: a copy of every page I annotated, with my strokes and memos drawn on it. Points are stored
 * as shares of the page (top-left origin) so they land in the same place whatever the screen they were drawn on.
 * Memos are set in a subset of Noto Sans JP, embedded only when there is text to write.
 */
export async function renderNotesPdf(documents: AnnotatedDocument[]): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  out.setTitle('My notes');
  let embedded: PDFFont | undefined;
  const font = async () => (embedded ??= await embedNotoSansJp(out));
  for (const doc of documents) {
    let wanted: AnnotatedDocument['pages'];
    let sheets: PDFPage[];
    if (doc.bytes) {
      const source = await PDFDocument.load(doc.bytes, { updateMetadata: false });
      wanted = doc.pages.filter((p) => p.page <= source.getPageCount());
      sheets = await out.copyPages(
        source,
        wanted.map((p) => p.page - 1),
      );
      for (const sheet of sheets) out.addPage(sheet);
    } else {
      // A confidential paper never leaves as a PDF, not even in my notes: its pages come as the images I was shown.
      wanted = doc.pages.filter((p) => doc.images?.has(p.page));
      sheets = [];
      for (const p of wanted) {
        const image = doc.images!.get(p.page)!;
        const sheet = out.addPage([image.width, image.height]);
        sheet.drawImage(await out.embedPng(image.png), { x: 0, y: 0, width: image.width, height: image.height });
        sheets.push(sheet);
      }
    }
    for (const [i, page] of sheets.entries()) {
      const { width, height } = page.getSize();
      const notes = wanted[i];
      for (const stroke of notes.strokes) {
        const highlighter = stroke.tool === 'highlighter';
        for (let k = 0; k + 3 < stroke.points.length; k += 2) {
          page.drawLine({
            start: { x: stroke.points[k] * width, y: height - stroke.points[k + 1] * height },
            end: { x: stroke.points[k + 2] * width, y: height - stroke.points[k + 3] * height },
            thickness: Math.max(0.5, stroke.width * width),
            color: hex(stroke.color),
            opacity: highlighter ? 0.35 : 1,
            lineCap: LineCapStyle.Round,
          });
        }
      }
      for (const memo of notes.memos) {
        const size = 10;
        const f = await font();
        const lines = wrapJapanese(memo.text, size, width * 0.3, (text, at) => f.widthOfTextAtSize(text, at)).slice(0, 30);
        const x = Math.min(memo.x * width, width * 0.68);
        const top = height - memo.y * height;
        page.drawRectangle({
          x: x - 3,
          y: top - lines.length * (size + 3) - 3,
          width: width * 0.3 + 6,
          height: lines.length * (size + 3) + 6,
          color: rgb(1, 0.97, 0.7),
          borderColor: rgb(0.85, 0.7, 0.2),
          borderWidth: 0.5,
        });
        lines.forEach((line, n) => page.drawText(line, { x, y: top - (n + 1) * (size + 3) + 3, size, font: f, color: rgb(0, 0, 0) }));
      }
    }
  }
  if (out.getPageCount() === 0) {
    const page = out.addPage([595, 842]);
    page.drawText('メモはまだありません（no notes yet）', { x: 60, y: 760, size: 14, font: await font(), color: rgb(0, 0, 0) });
  }
  return out.save();
}
