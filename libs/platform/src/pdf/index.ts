export { breakLines, monospaceJapaneseWidth, NO_LINE_END, NO_LINE_START, type MeasureText } from './japanese-line-break';
export { notoSansJpPath, type NotoWeight } from './noto-sans-jp';
export { PageRenderer, RENDER_TIMEOUT_MS, type PageImage, type PageImageJob } from './page-renderer';
export { PdfModule } from './pdf.module';
export { INSPECT_TIMEOUT_MS, PdfReader } from './pdf-reader';
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
