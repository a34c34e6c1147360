import { PDFDocument, rgb } from 'pdf-lib';
import { addJapaneseFont, drawJapaneseLine, wrapJapanese } from '../pdf/japanese-text';

export interface DemoPage {
  heading: string;
  lines: string[];
}

/** A4 demo paper in Japanese (fonts not embedded, like most papers the town receives), one heading per page. */
export async function demoPaper(title: string, pages: DemoPage[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  const font = addJapaneseFont(doc);
  pages.forEach((content, index) => {
    const page = doc.addPage([595.28, 841.89]);
    page.drawRectangle({ x: 0, y: 800, width: 595.28, height: 42, color: rgb(0.12, 0.32, 0.55) });
    drawJapaneseLine(page, font, title, { x: 40, y: 815, size: 12, color: [1, 1, 1] });
    drawJapaneseLine(page, font, content.heading, { x: 56, y: 740, size: 22 });
    let y = 690;
    for (const line of content.lines) {
      for (const part of wrapJapanese(line, 13, 480)) {
        drawJapaneseLine(page, font, part, { x: 64, y, size: 13 });
        y -= 24;
      }
      y -= 8;
    }
    drawJapaneseLine(page, font, `- ${index + 1} -`, { x: 280, y: 30, size: 10, color: [0.4, 0.4, 0.4] });
  });
  return Buffer.from(await doc.save());
}
