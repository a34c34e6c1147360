export { breakLines, monospaceJapaneseWidth, NO_LINE_END, NO_LINE_START, type MeasureText } from './japanese-line-break';
export { notoSansJpPath, type NotoWeight } from './noto-sans-jp';
export { PageRenderer, RENDER_TIMEOUT_MS, type PageImage, type PageImageJob, type RenderEvent, type RenderTicket } from './page-renderer';
export { PdfModule } from './pdf.module';
export { inspectPdf, PdfIngestCheck, type IngestOptions } from './pdf-ingest-check';
export { acceptPdfUpload, assertAcceptablePdf, assertCompletePdf, MAX_UPLOAD_PAGES } from './pdf-acceptance';
export { PDF_LIMITS, PDF_LIMITS_TOKEN, type PdfLimits, type PdfRefusalReason } from './pdf-limits';
export { PdfRefusal } from './pdf-refusal';
export { countOperators, scanPdfStreams, type StreamScan } from './pdf-stream-scan';
export { INSPECT_TIMEOUT_MS, PdfReader } from './pdf-reader';
export { FairQueue, fairLimits, type QueueLimits, type QueueTicket } from './render-queue';
export type { ImageFormat, InspectedPdf, PdfPageSize, TextRun } from './pdf-worker-protocol';
export {
  A4,
  JapanesePdfWriter,
  type Colour,
  type PageSize,
  type PdfLayout,
  type TableColumn,
  type TableSpec,
  type TextStyle,
} from './pdf-writer';
