import type { NoteMemo, NoteStroke } from '@yakuba/contracts';
import { JapanesePdfWriter, type PageSize } from '@yakuba/platform';

export interface AnnotatedPage {
  page: number;
  /** The page as the owner saw it (PNG or JPEG; watermarked for a confidential paper) and its size in points. */
  image: { bytes: Uint8Array; width: number; height: number };
  strokes: NoteStroke[];
  memos: NoteMemo[];
}

export interface AnnotatedDocument {
  title: string;
  pages: AnnotatedPage[];
}

const MEMO = { size: 10, leading: 1.3, maxLines: 30 };

/** The stored colour (any form class-validator's IsHexColor takes: 3, 4, 6 or 8 digits, `#` optional) as #rrggbb. */
const rgbHex = (color: string) => {
  const c = color.replace('#', '');
  return `#${c.length <= 4 ? [...c.slice(0, 3)].map((x) => x + x).join('') : c.slice(0, 6)}`;
};

/**
 * "My notes" as a PDF: every page I annotated, drawn as the image I was shown, with my strokes and memos over it.
 * Pages are images because pdfkit cannot copy pages out of another PDF; a confidential paper must leave only as
 * its watermarked images anyway. Points are stored as shares of the page (top-left origin), so they land in the
 * same place whatever the screen they were drawn on. Memos are set in an embedded subset of Noto Sans JP.
 */
export async function renderNotesPdf(documents: AnnotatedDocument[]): Promise<Uint8Array> {
  const pdf = new JapanesePdfWriter({ title: 'My notes', margin: 0 });
  for (const doc of documents) {
    for (const notes of doc.pages) {
      const { width, height } = notes.image;
      pdf.addPage([width, height] satisfies PageSize).image(notes.image.bytes, 0, 0, width, height);
      for (const stroke of notes.strokes) {
        const points = stroke.points.map((p, i) => (i % 2 ? p * height : p * width));
        const opacity = stroke.tool === 'highlighter' ? 0.35 : 1;
        pdf.polyline(points, { width: Math.max(0.5, stroke.width * width), colour: rgbHex(stroke.color), opacity });
      }
      for (const memo of notes.memos) {
        const boxWidth = width * 0.3;
        const lines = pdf.wrap(memo.text, MEMO, boxWidth).slice(0, MEMO.maxLines);
        const x = Math.min(memo.x * width, width * 0.68);
        const top = memo.y * height;
        const lineHeight = MEMO.size * MEMO.leading;
        pdf.box(x - 3, top - 3, boxWidth + 6, lines.length * lineHeight + 6, { fill: '#fff8b3', border: '#d9b333' });
        pdf.textAt(lines, x, top, MEMO);
      }
    }
  }
  if (pdf.pageCount === 0) pdf.addPage([595, 842]).textAt(['メモはまだありません（no notes yet）'], 60, 70, { size: 14 });
  return pdf.finish();
}
