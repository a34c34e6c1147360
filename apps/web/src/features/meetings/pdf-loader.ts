import type { PDFDocumentProxy } from 'pdfjs-dist';

/**
 * pdf.js, loaded on first use (it is large) with its worker bundled by Vite and served by our server. The CMaps,
 * standard fonts and wasm decoders come from /pdfjs/ (apps/server/src/http-setup.ts): Japanese papers whose fonts
 * are not embedded need the CMaps. Nothing in a document runs: no eval, no XFA, no scripting.
 */
let loading: Promise<typeof import('pdfjs-dist')> | undefined;

async function pdfjs() {
  loading ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([lib, worker]) => {
    lib.GlobalWorkerOptions.workerSrc = worker.default;
    return lib;
  });
  return loading;
}

const cache = new Map<string, Promise<PDFDocumentProxy>>();

export function openPdf(url: string): Promise<PDFDocumentProxy> {
  let doc = cache.get(url);
  if (!doc) {
    doc = pdfjs().then(
      (lib) =>
        lib.getDocument({
          url,
          withCredentials: true,
          // Never a confidential paper: those are shown as server-drawn page images (server-page-image.tsx).
          cMapUrl: '/pdfjs/cmaps/',
          cMapPacked: true,
          standardFontDataUrl: '/pdfjs/standard_fonts/',
          wasmUrl: '/pdfjs/wasm/',
          iccUrl: '/pdfjs/iccs/',
          enableXfa: false,
        }).promise,
    );
    doc.catch(() => cache.delete(url));
    cache.set(url, doc);
  }
  return doc;
}
