import fontkit from '@pdf-lib/fontkit';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { readFile, mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { renderMinutesPdf } from './minutes-pdf';
import { embedNotoSansJp, notoSansJpPath } from './noto-sans-jp';
import { PageRenderer } from './page-renderer';

const LINES = ['議事録　電子決裁の導入について（第1回）', '【決定事項】10月から導入する。ＡＢＣ abc 123 ｶﾀｶﾅ 々〆ヶ'];

async function sheet(embed: (doc: PDFDocument) => Promise<import('pdf-lib').PDFFont>): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await embed(doc);
  const page = doc.addPage([595, 200]);
  LINES.forEach((line, i) => page.drawText(line, { x: 30, y: 150 - i * 40, size: 20, font, color: rgb(0, 0, 0) }));
  return doc.save();
}

async function rgba(png: Buffer): Promise<Uint8ClampedArray> {
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
    return (await renderer.render(name, { path, page: 1, width: 900, watermark: null })).png;
  };

  it('draws a subset exactly as the whole font (pdf.js, glyph outlines from the PDF), and stays small', async () => {
    const subset = await sheet((doc) => embedNotoSansJp(doc));
    const whole = await sheet(async (doc) => {
      doc.registerFontkit(fontkit);
      return doc.embedFont(await readFile(notoSansJpPath()), { subset: false });
    });
    expect(subset.length).toBeLessThan(60_000);
    expect(whole.length).toBeGreaterThan(1_000_000);
    const [a, b] = await Promise.all([rgba(await draw('subset.pdf', subset)), rgba(await draw('whole.pdf', whole))]);
    expect(a.length).toBe(b.length);
    let ink = 0;
    let different = 0;
    for (let i = 0; i < a.length; i += 4) {
      if (b[i] < 128) ink++;
      if (Math.abs(a[i] - b[i]) > 64) different++;
    }
    expect(ink).toBeGreaterThan(5000);
    expect(different).toBeLessThan(ink * 0.01);
  });

  it('writes the minutes with a small embedded subset', async () => {
    const bytes = await renderMinutesPdf({
      title: '定例庁議',
      startsAt: new Date('2026-04-01T01:00:00Z'),
      place: '第1会議室',
      organiser: '佐藤 一郎',
      attendees: ['佐藤 一郎', '鈴木 花子'],
      absentees: [],
      items: [{ position: 1, title: '電子決裁の導入について', minutes: '総務課から説明。', decisions: '10月から導入する。' }],
    });
    expect(bytes.length).toBeLessThan(80_000);
    const png = await draw('minutes.pdf', bytes);
    const pixels = await rgba(png);
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 128) ink++;
    expect(ink).toBeGreaterThan(3000);
  });
});
