import { breakLines, JapanesePdfWriter, monospaceJapaneseWidth } from '@yakuba/platform';

export interface DemoPage {
  heading: string;
  lines: string[];
}

const A4_HEIGHT = 841.89;

/** A4 demo paper in Japanese (fonts not embedded, like most papers the town receives), one heading per page. */
export async function demoPaper(title: string, pages: DemoPage[]): Promise<Buffer> {
  const pdf = new JapanesePdfWriter({ title, margin: 0 });
  // Positions as measured from the bottom of the page, as the paper was first laid out.
  const up = (y: number) => A4_HEIGHT - y;
  pages.forEach((content, index) => {
    pdf.addPage().box(0, 0, 595.28, 42, { fill: '#1f528c' });
    pdf.readerFontLine(title, 40, up(815), 12, '#ffffff');
    pdf.readerFontLine(content.heading, 56, up(740), 22);
    let y = 690;
    for (const line of content.lines) {
      for (const part of breakLines(line, 480, (t) => monospaceJapaneseWidth(t, 13))) {
        pdf.readerFontLine(part, 64, up(y), 13);
        y -= 24;
      }
      y -= 8;
    }
    pdf.readerFontLine(`- ${index + 1} -`, 280, up(30), 10, '#666666');
  });
  return Buffer.from(await pdf.finish());
}
