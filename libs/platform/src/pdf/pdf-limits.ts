/**
 * The limits within which the server parses and draws a PDF: everything a hostile or careless file can make the
 * server spend (time, heap, memory outside the heap, pixels, decoded bytes, drawing operations) has a ceiling here.
 * A file that needs more is refused at upload (PdfIngestCheck, a 422) rather than discovered at the meeting; a page
 * that still fails to draw is remembered by its caller, not retried. Figures and reasons: docs/reliability.md.
 */
export interface PdfLimits {
  /** PDF 1.7 Annex C: user space is at most 14,400 units (200 inches) a side; bigger boxes are refused. */
  maxPageSidePt: number;
  /** Decoded bytes of one non-image stream (page contents, fonts, object streams). */
  maxStreamBytes: number;
  /** Decoded bytes of all streams of the file together. */
  maxTotalDecodedBytes: number;
  /** Filters applied to one stream one after another: nesting beyond this is how compression bombs are built. */
  maxFilterChain: number;
  /**
   * Drawing work of one content stream, and of the whole file: operators plus characters shown (each glyph is a
   * path of its own). Calibrated on this machine: 320,000 units took 7 s to draw 2000 pixels wide under a load of 16.
   */
  maxOperatorsPerStream: number;
  maxTotalOperators: number;
  /** Width × height of one image; pdf.js leaves out larger images (its maxImageSize) and the scan refuses them. */
  maxImagePixels: number;
  /**
   * CPU time of the thread reading the whole file (structure scan, page boxes, text of every page), and of the one
   * drawing one page. CPU time, so that a loaded machine does not fail ordinary files; the wall clock stops a job
   * at WALL_FACTOR (5) times its budget whatever the load (worker-guard.ts).
   */
  parseTimeoutMs: number;
  renderTimeoutMs: number;
  /** The V8 heap of a reader or renderer thread (resourceLimits: the thread is stopped beyond it). */
  parseHeapMb: number;
  renderHeapMb: number;
  /** Memory outside the V8 heap (decoded images, canvases) a thread may hold before it is stopped and replaced. */
  externalMemoryMb: number;
  /**
   * The first pages drawn at upload, `trialWidth` pixels wide, each within `trialTimeoutMs` (less than a full
   * render gets: a page that draws small only just in time would not draw large), to prove the file can be drawn.
   */
  trialPages: number;
  trialWidth: number;
  trialTimeoutMs: number;
}

export const PDF_LIMITS: Readonly<PdfLimits> = Object.freeze({
  maxPageSidePt: 14_400,
  maxStreamBytes: 64 * 1024 * 1024,
  maxTotalDecodedBytes: 384 * 1024 * 1024,
  maxFilterChain: 3,
  maxOperatorsPerStream: 150_000,
  maxTotalOperators: 3_000_000,
  maxImagePixels: 40_000_000,
  parseTimeoutMs: 20_000,
  renderTimeoutMs: 12_000,
  parseHeapMb: 384,
  renderHeapMb: 512,
  externalMemoryMb: 768,
  trialPages: 2,
  trialWidth: 600,
  trialTimeoutMs: 6_000,
});

/** Nest token for other limits (tests that want a smaller pool or a shorter deadline); PDF_LIMITS when absent. */
export const PDF_LIMITS_TOKEN = 'PDF_LIMITS';

/** Why a file or a page was refused: stable codes, named in the 422's message and in docs/reliability.md. */
export type PdfRefusalReason =
  | 'pdf_encrypted'
  | 'pdf_corrupt'
  | 'pdf_decompression_bomb'
  | 'pdf_filter_chain'
  | 'pdf_too_many_operators'
  | 'pdf_image_too_large'
  | 'pdf_page_too_large'
  | 'pdf_too_many_pages'
  | 'pdf_too_slow'
  | 'pdf_too_much_memory'
  | 'pdf_unrenderable';
