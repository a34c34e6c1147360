/**
 * What the pdf.js worker threads (pdf-reader.worker.ts, page-render.worker.ts) receive and answer. The workers
 * import this file for its types only: a worker stays one self-contained module that Node can start as it is,
 * compiled (dist/*.js) or straight from its TypeScript under jest (Node 24 strips the types).
 */
import type { PdfLimits, PdfRefusalReason } from './pdf-limits';

/** Where pdf.js and its data live, resolved by the main thread (pdfjs-assets.ts). */
export interface PdfjsAssets {
  /** pdf.js's ES module, loaded with a native `import()`. */
  modulePath: string;
  /** Folders with a trailing slash: pdf.js reads them with fs in Node. */
  cMapDir: string;
  standardFontDir: string;
  /** pdf.js's WebAssembly decoders (JPEG 2000, JBIG2) and colour management, and the CMYK profile it uses. */
  wasmDir: string;
  iccDir: string;
}

export interface ReaderWorkerData extends PdfjsAssets {
  bytes: Uint8Array;
  /** Past this page count only the count is reported (the caller refuses the file anyway). */
  maxPages: number;
  /** pdf-stream-scan, beside the worker (.ts under jest, .js compiled): imported at run time. */
  scanPath: string;
  limits: PdfLimits;
}

export interface TextRun {
  str: string;
  hasEOL: boolean;
}

export interface PdfPageSize {
  width: number;
  height: number;
}

export interface InspectedPdf {
  pageCount: number;
  /** In points, rounded to 1/100. Empty when the file is encrypted or has too many pages. */
  pageSizes: PdfPageSize[];
  /** The text runs of each page, in reading order as pdf.js gives them. */
  runs: TextRun[][];
  encrypted: boolean;
  /** What the stream scan found (pdf-stream-scan.ts). */
  streams: { count: number; decodedBytes: number; operators: number; largestContent: number };
}

export type ReaderAnswer =
  | { ok: true; inspection: InspectedPdf }
  | { ok: false; kind: 'encrypted' | 'corrupt'; message: string }
  | { ok: false; kind: 'limit'; reason: PdfRefusalReason; message: string };

export interface RenderWorkerData extends PdfjsAssets {
  /** pdf.js leaves out images larger than this many pixels. */
  maxImagePixels: number;
  maxPageSidePt: number;
  /** @napi-rs/canvas, resolved from pdf.js's folder: the copy pdf.js's own canvas factory uses. */
  canvasPath: string;
  /** Noto Sans JP, for papers whose Japanese fonts are not embedded and for the watermark. */
  fontPath: string;
}

export interface RenderJob {
  id: number;
  /** The stored file, or (a trial render at upload, before anything is stored) its bytes. */
  path: string;
  bytes?: Uint8Array;
  page: number;
  /** Pixel width of the image (already clamped by the caller). */
  width: number;
  /** Burnt in diagonally over the page, or null for none. */
  watermark: string | null;
  /** PNG (default) for screens; JPEG where the image goes into a PDF, which embeds it as it is. */
  format?: ImageFormat;
}

export type ImageFormat = 'png' | 'jpeg';

/** Sent once by a render thread when pdf.js is loaded: its CPU time from then on is its pages'. */
export interface RenderThreadReady {
  ready: true;
}

export type RenderAnswer =
  | { id: number; ok: true; bytes: Uint8Array; width: number; height: number }
  | { id: number; ok: false; message: string; reason: PdfRefusalReason };
