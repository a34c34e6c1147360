import { PDFDocument, PDFPage, rgb } from 'pdf-lib';
import { wrapJapanese } from './japanese-text';
import { embedNotoSansJp } from './noto-sans-jp';

export interface MinutesInput {
  title: string;
  startsAt: Date;
  place: string | null;
  organiser: string;
  attendees: string[];
  absentees: string[];
  items: { position: number; title: string; minutes: string; decisions: string }[];
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

const dateJa = (d: Date) =>
  new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    era: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Tokyo',
  }).format(d);

/**
 * 議事録 as an A4 PDF: heading, date, place, attendance, then each agenda item with its minutes and decisions, set
 * in Noto Sans JP, regular and bold for the headings, embedded as subsets (readable without any Japanese font on the
 * reader's machine).
 */
export async function renderMinutesPdf(input: MinutesInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`議事録 ${input.title}`);
  const regular = await embedNotoSansJp(doc);
  const bold = await embedNotoSansJp(doc, 'bold');
  const width = A4[0] - MARGIN * 2;
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const line = (text: string, size: number, indent = 0, color?: [number, number, number], font = regular) => {
    for (const part of wrapJapanese(text, size, width - indent, (t, at) => font.widthOfTextAtSize(t, at))) {
      if (y - size < MARGIN) {
        page = doc.addPage(A4);
        y = A4[1] - MARGIN;
      }
      y -= size * 1.5;
      page.drawText(part, { x: MARGIN + indent, y, size, font, color: rgb(...(color ?? [0, 0, 0])) });
    }
  };
  line(`議事録\u3000${input.title}`, 18, 0, undefined, bold);
  y -= 6;
  line(`日時：${dateJa(input.startsAt)}`, 10.5);
  if (input.place) line(`場所：${input.place}`, 10.5);
  line(`主催：${input.organiser}`, 10.5);
  line(`出席（${input.attendees.length}名）：${input.attendees.join('、') || 'なし'}`, 10.5);
  if (input.absentees.length) line(`欠席（${input.absentees.length}名）：${input.absentees.join('、')}`, 10.5);
  y -= 4;
  page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.5, color: rgb(0.5, 0.5, 0.5) });
  for (const item of input.items) {
    y -= 8;
    line(`${item.position}. ${item.title}`, 13, 0, undefined, bold);
    if (item.minutes.trim()) line(item.minutes.trim(), 10.5, 12);
    if (item.decisions.trim()) {
      line('【決定事項】', 10.5, 12, [0.1, 0.25, 0.55], bold);
      line(item.decisions.trim(), 10.5, 24, [0.1, 0.25, 0.55]);
    }
  }
  return doc.save();
}
