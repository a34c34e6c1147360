import type { PDFDocumentProxy, PDFWorker } from 'pdfjs-dist';

/**
 * pdf.js, loaded on first use (it is large) with its worker bundled by Vite and served by our server. The CMaps,
 * standard fonts and wasm decoders come from /pdfjs/<pdf.js version>/ (apps/server/src/http-setup.ts), cached for
 * good since the version is in the address: Japanese papers whose fonts are not embedded need the CMaps. One worker
 * serves every document of the session. Nothing in a document runs: no eval, no XFA, no scripting.
 */
let loading: Promise<{ lib: typeof import('pdfjs-dist'); worker: PDFWorker }> | undefined;

async function pdfjs() {
  loading ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([lib, workerUrl]) => {
    lib.GlobalWorkerOptions.workerSrc = workerUrl.default;
    return { lib, worker: new lib.PDFWorker() };
  });
  return loading;
}

/**
 * pdf.js's data files, each fetched once per session: the worker keeps what it read per document only, so with
 * `useWorkerFetch` every paper asked again for the same CMaps. It asks this page instead, which keeps them.
 */
const dataFiles = new Map<string, Promise<Uint8Array>>();

class SessionDataFactory {
  private readonly base: Record<string, string | null>;
  constructor(urls: { cMapUrl?: string | null; standardFontDataUrl?: string | null; wasmUrl?: string | null }) {
    this.base = { cMapUrl: urls.cMapUrl ?? null, standardFontDataUrl: urls.standardFontDataUrl ?? null, wasmUrl: urls.wasmUrl ?? null };
  }

  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const base = this.base[kind];
    if (!base) throw new Error(`no address for pdf.js ${kind}`);
    const url = `${base}${filename}`;
    let bytes = dataFiles.get(url);
    if (!bytes) {
      bytes = fetch(url).then(async (res) => (res.ok ? new Uint8Array(await res.arrayBuffer()) : Promise.reject(new Error(`${url}: ${res.status}`))));
      bytes.catch(() => dataFiles.delete(url));
      dataFiles.set(url, bytes);
    }
    // A copy: what is handed to the worker may be transferred (and so emptied) on its way.
    return (await bytes).slice();
  }
}

/** Asks for pdf.js's code and starts its worker ahead of the first paper (the meeting room, on opening). */
export function preloadPdfjs(): void {
  void pdfjs().catch(() => undefined);
}

const cache = new Map<string, Promise<PDFDocumentProxy>>();

export function openPdf(url: string): Promise<PDFDocumentProxy> {
  let doc = cache.get(url);
  if (!doc) {
    doc = pdfjs().then(({ lib, worker }) => {
      const data = new URL(`/pdfjs/${lib.version}/`, window.location.origin).href;
      return lib.getDocument({
        url,
        worker,
        withCredentials: true,
        // Never a confidential paper: those are shown as server-drawn page images (server-page-image.tsx).
        useWorkerFetch: false,
        BinaryDataFactory: SessionDataFactory,
        cMapUrl: `${data}cmaps/`,
        cMapPacked: true,
        standardFontDataUrl: `${data}standard_fonts/`,
        wasmUrl: `${data}wasm/`,
        iccUrl: `${data}iccs/`,
        enableXfa: false,
        // The text content's styles then name the family pdf.js draws a font the paper does not embed with: only
        // those get Noto aliases (japanese-pdf-fonts.ts substitutedFamilies).
        fontExtraProperties: true,
      }).promise;
    });
    doc.catch(() => cache.delete(url));
    cache.set(url, doc);
  }
  return doc;
}
