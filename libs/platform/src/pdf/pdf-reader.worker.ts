import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { InspectedPdf, ReaderAnswer, ReaderWorkerData, TextRun } from './pdf-worker-protocol';

/**
 * One PDF opened by pdf.js in its own thread (started by PdfReader, pdf-reader.ts): page count, page sizes, text.
 * Nothing in the file is executed: no XFA, and the scripting sandbox is never created (JavaScript actions stay
 * inert data). Japanese papers whose fonts are not embedded need the CMaps and the standard font data.
 */
const input = workerData as ReaderWorkerData;

const message = (error: unknown) => String((error instanceof Error && error.message) || error);

async function inspect(): Promise<ReaderAnswer> {
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
    const inspection: InspectedPdf = { pageCount, pageSizes: [], runs: [], encrypted };
    if (encrypted || pageCount > input.maxPages) return { ok: true, inspection };
    for (let n = 1; n <= pageCount; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      inspection.pageSizes.push({ width: Math.round(viewport.width * 100) / 100, height: Math.round(viewport.height * 100) / 100 });
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
