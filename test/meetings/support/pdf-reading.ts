import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { PdfInspector } from '../../../libs/meetings/src/pdf/pdf-inspector';
import { pageText } from '../../../libs/meetings/src/domain/pdf-acceptance';

/** The text of each page, as our server's pdf.js reader (worker thread, CMaps) extracts it. */
export async function readPdfText(bytes: Uint8Array): Promise<string[]> {
  const found = await new PdfInspector().inspect(bytes, 500);
  return found.runs.map(pageText);
}

/**
 * The fonts of the PDF whose program is embedded (a FontDescriptor with /FontFile, /FontFile2 or /FontFile3),
 * by their BaseFont name; object streams are decoded by pdf-lib, so this sees what a byte search cannot.
 */
export async function embeddedFonts(bytes: Uint8Array): Promise<{ name: string; fontFileBytes: number }[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const found: { name: string; fontFileBytes: number }[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type'))?.toString() !== '/FontDescriptor') continue;
    for (const key of ['FontFile', 'FontFile2', 'FontFile3']) {
      const ref = object.get(PDFName.of(key));
      const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
      if (stream instanceof PDFRawStream)
        found.push({ name: String(object.get(PDFName.of('FontName'))).replace(/^\//, ''), fontFileBytes: stream.contents.length });
    }
  }
  return found;
}
