import { createCanvas, loadImage } from '@napi-rs/canvas';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PageRenderer } from './page-renderer';
import { JapanesePdfWriter } from './pdf-writer';

// Full-width characters only: each is one em wide both in Noto Sans JP and in the reader-supplied CID font, so the
// two sheets place every glyph at the same spot.
const LINES = ['議事録　電子決裁の導入について（第１回）', '【決定事項】１０月から導入する。ＡＢＣ々〆ヶ'];

async function sheet(draw: (pdf: JapanesePdfWriter, line: string, baseline: number) => void): Promise<Uint8Array> {
  const pdf = new JapanesePdfWriter({ title: 'sheet', size: [595, 200] });
  pdf.addPage();
  LINES.forEach((line, i) => draw(pdf, line, 70 + i * 60));
  return pdf.finish();
}

async function rgba(png: Uint8Array): Promise<Uint8ClampedArray> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return ctx.getImageData(0, 0, image.width, image.height).data;
}

describe('Noto Sans JP embedded in the PDFs we write', () => {
  const renderer = new PageRenderer();
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'noto-'));
  });
  afterAll(async () => {
    await renderer.onModuleDestroy();
    await rm(dir, { recursive: true, force: true });
  });

  const draw = async (name: string, bytes: Uint8Array) => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return renderer.render(name, { path, page: 1, width: 900, watermark: null }, { requester: 'spec', document: name });
  };

  it('draws the embedded subset exactly as the whole font draws the same text, and stays small', async () => {
    // pdf.js draws the subset's glyph outlines from the PDF; the text in a font the reader supplies is drawn by the
    // canvas from the whole Noto Sans JP file (the renderer's fallback for Japanese fonts that are not embedded).
    const subset = await sheet((pdf, line, baseline) => pdf.lineAt(line, 30, baseline, { size: 20 }));
    const whole = await sheet((pdf, line, baseline) => pdf.readerFontLine(line, 30, baseline, 20));
    expect(subset.length).toBeLessThan(60_000);
    const [first, second] = await Promise.all([draw('subset.pdf', subset), draw('whole.pdf', whole)]);
    expect([first.width, first.height]).toEqual([second.width, second.height]);
    const [a, b] = await Promise.all([rgba(first.bytes), rgba(second.bytes)]);
    // Glyph paths and canvas text are anti-aliased a little differently: a dark pixel of one image counts as matched
    // when the other has ink within one pixel of it. A wrong or missing glyph leaves thousands unmatched.
    const { width, height } = first;
    const inkNear = (img: Uint8ClampedArray, x: number, y: number) => {
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx >= 0 && ny >= 0 && nx < width && ny < height && img[(ny * width + nx) * 4] < 160) return true;
        }
      return false;
    };
    let ink = 0;
    let unmatched = 0;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (b[i] < 96) ink++;
        if ((a[i] < 96 && !inkNear(b, x, y)) || (b[i] < 96 && !inkNear(a, x, y))) unmatched++;
      }
    expect(ink).toBeGreaterThan(5000);
    expect(unmatched).toBeLessThan(ink * 0.01);
  });
});
