import { PdfReader } from '@yakuba/platform';
import { pageText } from '../../../libs/meetings/src/domain/pdf-acceptance';

/** The text of each page, as our server's pdf.js reader (worker thread, CMaps) extracts it. */
export async function readPdfText(bytes: Uint8Array): Promise<string[]> {
  const found = await new PdfReader().inspect(bytes, 500);
  return found.runs.map(pageText);
}

/**
 * The fonts of the PDF whose program is embedded (a FontDescriptor with /FontFile, /FontFile2 or /FontFile3), by
 * their FontName, with the size of the font program. Reads the objects as written (our writer, pdfkit, puts no
 * object in a compressed object stream); a PDF that has object streams is refused rather than half read.
 */
export function embeddedFonts(bytes: Uint8Array): Promise<{ name: string; fontFileBytes: number }[]> {
  const pdf = Buffer.from(bytes).toString('latin1');
  if (/\/Type\s*\/ObjStm\b/.test(pdf)) throw new Error('embeddedFonts reads PDFs without object streams only');
  const objects = new Map<string, string>();
  for (const match of pdf.matchAll(/(\d+) 0 obj\b([\s\S]*?)(?:\bstream\r?\n|\bendobj\b)/g)) objects.set(match[1], match[2]);
  const found: { name: string; fontFileBytes: number }[] = [];
  for (const body of objects.values()) {
    if (!/\/Type\s*\/FontDescriptor\b/.test(body)) continue;
    const file = /\/FontFile[23]?\s+(\d+)\s+0\s+R/.exec(body);
    if (!file) continue;
    const length = /\/Length\s+(\d+)(\s+0\s+R)?/.exec(objects.get(file[1]) ?? '');
    if (!length || length[2]) throw new Error(`font program ${file[1]}: no direct /Length`);
    found.push({ name: /\/FontName\s*\/([^\s/<>[\]()]+)/.exec(body)?.[1] ?? '', fontFileBytes: Number(length[1]) });
  }
  return Promise.resolve(found);
}
