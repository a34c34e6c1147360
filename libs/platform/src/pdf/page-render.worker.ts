import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { PdfRefusalReason } from './pdf-limits';
import type { RenderAnswer, RenderJob, RenderThreadReady, RenderWorkerData } from './pdf-worker-protocol';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;
type RenderParameters = Parameters<Awaited<ReturnType<PdfDocument['getPage']>>['render']>[0];
type Canvas = typeof import('@napi-rs/canvas');
type Context = ReturnType<ReturnType<Canvas['createCanvas']>['getContext']>;

/**
 * Draws PDF pages as PNG images with pdf.js on an @napi-rs/canvas canvas, one page at a time, in a thread of
 * PageRenderer's pool (page-renderer.ts). Keeps its last few documents open, so turning pages does not re-parse the
 * file. Papers whose Japanese fonts are not embedded (HeiseiMin-W3, MS-Mincho...) are drawn with Noto Sans JP,
 * registered under the generic families pdf.js falls back to; `disableFontFace` makes pdf.js draw embedded fonts as
 * paths (Node has no FontFace). Nothing in a file runs: no XFA, no scripting. Its limits: the heap and the time
 * are enforced from outside (PageRenderer stops the thread); images over maxImagePixels are left out by pdf.js;
 * the bitmap is at most width × 2 width pixels; a page box beyond maxPageSidePt is refused.
 */
const input = workerData as RenderWorkerData;
// The same @napi-rs/canvas as pdf.js's own NodeCanvasFactory, so the fonts registered here are the ones it sees.
const canvasLib = createRequire(input.canvasPath)(input.canvasPath) as Canvas;
for (const family of ['Noto Sans JP', 'serif', 'sans-serif']) canvasLib.GlobalFonts.registerFromPath(input.fontPath, family);
const pdfjsReady = import(pathToFileURL(input.modulePath).href) as Promise<Pdfjs>;
void pdfjsReady.then(() => parentPort!.postMessage({ ready: true } satisfies RenderThreadReady));

const OPEN_DOCUMENTS = 3;
// Sharp text on a page image at print resolution, at a fraction of the PNG's size.
const JPEG_QUALITY = 90;
const open = new Map<string, Promise<PdfDocument>>();

class PageRefused extends Error {
  readonly reason: PdfRefusalReason;
  constructor(reason: PdfRefusalReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

async function load(data: Uint8Array): Promise<PdfDocument> {
  const pdfjs = await pdfjsReady;
  return pdfjs.getDocument({
    data,
    cMapUrl: input.cMapDir,
    cMapPacked: true,
    standardFontDataUrl: input.standardFontDir,
    wasmUrl: input.wasmDir,
    iccUrl: input.iccDir,
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    maxImageSize: input.maxImagePixels,
    verbosity: 0,
  }).promise;
}

async function openDocument(path: string): Promise<PdfDocument> {
  let doc = open.get(path);
  if (doc) {
    open.delete(path);
  } else {
    doc = readFile(path).then((bytes) => load(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
    doc.catch(() => open.delete(path));
  }
  // Most recently used last: the first entries are the ones to close.
  open.set(path, doc);
  for (const [oldest, evicted] of open) {
    if (open.size <= OPEN_DOCUMENTS) break;
    open.delete(oldest);
    evicted.then(
      (d) => d.loadingTask.destroy(),
      () => undefined,
    );
  }
  return doc;
}

function watermark(ctx: Context, width: number, height: number, text: string): void {
  const size = Math.max(12, Math.round(width / 24));
  ctx.save();
  ctx.font = `bold ${size}px "Noto Sans JP"`;
  ctx.fillStyle = 'rgba(190, 30, 30, 0.22)';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.translate(width / 2, height / 2);
  ctx.rotate(-Math.PI / 6);
  const reach = Math.hypot(width, height) / 2 + size * 4;
  const step = ctx.measureText(text).width + size * 3;
  let row = 0;
  for (let y = -reach; y <= reach; y += size * 4, row++) {
    for (let x = -reach - ((row % 2) * step) / 2; x <= reach; x += step) ctx.fillText(text, x, y);
  }
  ctx.restore();
}

async function render(job: RenderJob): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  // A trial render at upload: the file is not stored yet, and is not kept open afterwards.
  const doc = job.bytes ? await load(job.bytes) : await openDocument(job.path);
  try {
    return await draw(doc, job);
  } finally {
    if (job.bytes) await doc.loadingTask.destroy();
  }
}

async function draw(doc: PdfDocument, job: RenderJob): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  const page = await doc.getPage(job.page);
  const base = page.getViewport({ scale: 1 });
  if (!(base.width > 0 && base.height > 0 && base.width <= input.maxPageSidePt && base.height <= input.maxPageSidePt))
    throw new PageRefused('pdf_page_too_large', `the page is ${Math.round(base.width)} × ${Math.round(base.height)} points`);
  let scale = job.width / base.width;
  // A very tall page is drawn smaller rather than as a giant bitmap: at most width x 2 width pixels.
  const maxPixels = job.width * job.width * 2;
  if (base.width * base.height * scale * scale > maxPixels) scale = Math.sqrt(maxPixels / (base.width * base.height));
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.floor(viewport.width));
  const height = Math.max(1, Math.floor(viewport.height));
  const canvas = canvasLib.createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  // pdf.js's types name the DOM canvas; in Node it draws on @napi-rs/canvas, which it supports.
  await page.render({
    canvas: canvas as unknown as RenderParameters['canvas'],
    canvasContext: ctx as unknown as RenderParameters['canvasContext'],
    viewport,
  }).promise;
  if (job.watermark) watermark(ctx, width, height, job.watermark);
  page.cleanup();
  const encoded = job.format === 'jpeg' ? await canvas.encode('jpeg', JPEG_QUALITY) : await canvas.encode('png');
  // A copy of our own, whose buffer can be transferred to the main thread (the encoder's belongs to the addon).
  return { bytes: new Uint8Array(encoded), width, height };
}

parentPort!.on('message', (job: RenderJob) => {
  render(job).then(
    (out) => parentPort!.postMessage({ id: job.id, ok: true, ...out } satisfies RenderAnswer, [out.bytes.buffer as ArrayBuffer]),
    (error: unknown) =>
      parentPort!.postMessage({
        id: job.id,
        ok: false,
        message: String((error instanceof Error && error.message) || error),
        reason: error instanceof PageRefused ? error.reason : 'pdf_unrenderable',
      } satisfies RenderAnswer),
  );
});
