import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { InspectedPdf, ReaderAnswer, ReaderWorkerData, TextRun } from './pdf-worker-protocol';

/**
 * One PDF opened by pdf.js in its own thread (started by PdfReader, pdf-reader.ts): page count, page sizes, text.
 * Before pdf.js sees the file, every stream is decoded under a ceiling and content streams' operations are counted
 * (pdf-stream-scan.ts): bombs and monster pages are refused here, not discovered by the renderer. Nothing in the
 * file is executed: no XFA, and the scripting sandbox is never created (JavaScript actions stay inert data).
 * Japanese papers whose fonts are not embedded need the CMaps and the standard font data.
 */
const input = workerData as ReaderWorkerData;
const limits = input.limits;

const message = (error: unknown) => String((error instanceof Error && error.message) || error);

async function inspect(): Promise<ReaderAnswer> {
  const { scanPdfStreams } = (await import(pathToFileURL(input.scanPath).href)) as typeof import('./pdf-stream-scan');
  const scan = scanPdfStreams(input.bytes, limits);
  if (scan.refusal) return { ok: false, kind: 'limit', reason: scan.refusal.reason, message: scan.refusal.message };
  const pdfjs = (await import(pathToFileURL(input.modulePath).href)) as typeof import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: input.bytes,
    cMapUrl: input.cMapDir,
    cMapPacked: true,
    standardFontDataUrl: input.standardFontDir,
    wasmUrl: input.wasmDir,
    iccUrl: input.iccDir,
    enableXfa: false,
    stopAtErrors: true,
    disableFontFace: true,
    useSystemFonts: false,
    maxImageSize: limits.maxImagePixels,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (error) {
    return {
      ok: false,
      kind: error instanceof Error && error.name === 'PasswordException' ? 'encrypted' : 'corrupt',
      message: message(error),
    };
  }
  try {
    const meta = await doc.getMetadata().catch(() => ({ info: {} as Record<string, unknown> }));
    const encrypted = Boolean((meta.info as { EncryptFilterName?: unknown }).EncryptFilterName);
    const pageCount = doc.numPages;
    const inspection: InspectedPdf = {
      pageCount,
      pageSizes: [],
      runs: [],
      encrypted,
      streams: { count: scan.streams, decodedBytes: scan.decodedBytes, operators: scan.operators, largestContent: scan.largestContent },
    };
    if (encrypted || pageCount > input.maxPages) return { ok: true, inspection };
    for (let n = 1; n <= pageCount; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const { width, height } = viewport;
      if (!(width > 0 && height > 0 && width <= limits.maxPageSidePt && height <= limits.maxPageSidePt))
        return {
          ok: false,
          kind: 'limit',
          reason: 'pdf_page_too_large',
          message: `page ${n} is ${Math.round(width)} × ${Math.round(height)} points (at most ${limits.maxPageSidePt} a side)`,
        };
      inspection.pageSizes.push({ width: Math.round(width * 100) / 100, height: Math.round(height * 100) / 100 });
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items) if ('str' in item) runs.push({ str: item.str, hasEOL: item.hasEOL });
      inspection.runs.push(runs);
      page.cleanup();
    }
    return { ok: true, inspection };
  } catch (error) {
    return { ok: false, kind: 'corrupt', message: message(error) };
  } finally {
    await doc.loadingTask.destroy();
  }
}

inspect().then(
  (answer) => parentPort!.postMessage(answer),
  (error: unknown) => parentPort!.postMessage({ ok: false, kind: 'corrupt', message: message(error) } satisfies ReaderAnswer),
);
