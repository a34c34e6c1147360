import { formatWareki, JapanesePdfWriter } from '@yakuba/platform';

export interface MinutesInput {
  title: string;
  startsAt: Date;
  place: string | null;
  organiser: string;
  attendees: string[];
  absentees: string[];
  items: { position: number; title: string; minutes: string; decisions: string }[];
}

const DECISIONS = '#1a408c';

/**
 * 議事録 as an A4 PDF: heading, date, place, attendance, then each agenda item with its minutes and decisions, in
 * Noto Sans JP (regular, bold for the headings) embedded as subsets, so it reads without any Japanese font on the
 * reader's machine. Each page names the meeting at its top and carries its number.
 */
export async function renderMinutesPdf(input: MinutesInput): Promise<Uint8Array> {
  const pdf = new JapanesePdfWriter({ title: `議事録 ${input.title}`, header: `議事録\u3000${input.title}`, pageNumbers: true });
  pdf.title(`議事録\u3000${input.title}`);
  pdf.paragraph(`日時：${formatWareki(input.startsAt, { weekday: true, time: true })}`);
  if (input.place) pdf.paragraph(`場所：${input.place}`);
  pdf.paragraph(`主催：${input.organiser}`);
  pdf.paragraph(`出席（${input.attendees.length}名）：${input.attendees.join('、') || 'なし'}`);
  if (input.absentees.length) pdf.paragraph(`欠席（${input.absentees.length}名）：${input.absentees.join('、')}`);
  pdf.rule();
  for (const item of input.items) {
    pdf.heading(`${item.position}. ${item.title}`);
    if (item.minutes.trim()) pdf.paragraph(item.minutes.trim(), { indent: 12 });
    if (item.decisions.trim()) {
      pdf.paragraph('【決定事項】', { indent: 12, weight: 'bold', colour: DECISIONS });
      pdf.paragraph(item.decisions.trim(), { indent: 24, colour: DECISIONS });
    }
  }
  return pdf.finish();
}
