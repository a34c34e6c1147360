/**
 * PDFs for the meetings tests, made here so that a fresh clone needs no fixture files. The Japanese one is
 * written by hand the way many Japanese office PDFs are: checked by hand against
 * shared/fixtures/ja-nonembedded-font.pdf (same objects, same text) — tests never read that file.
 */

/** Writes objects 1..n (bodies given without "n 0 obj") with a correct cross-reference table. */
export function writePdf(objects: string[], trailerExtra = ''): Buffer {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const stream = (content: string) => `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;

const utf16Hex = (text: string) => [...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');

export const JAPANESE_PAGES = ['令和六年度第一回庁議資料', '電子決裁の導入について', '災害対応訓練の実施計画'];

/**
 * A4 pages, one line each, in the CID font HeiseiMin-W3 (Type0 → CIDFontType0, Adobe-Japan1, no FontFile),
 * encoding UniJIS-UCS2-H, text as UTF-16BE hex in Tj. pdf.js extracts nothing without its CMaps.
 */
export function japaneseNonEmbeddedFontPdf(pages: string[] = JAPANESE_PAGES): Buffer {
  const first = 6;
  const kids = pages.map((_, i) => `${first + i * 2} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiMin-W3 /Encoding /UniJIS-UCS2-H /DescendantFonts [4 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiMin-W3 /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> /FontDescriptor 5 0 R >>',
    '<< /Type /FontDescriptor /FontName /HeiseiMin-W3 /Flags 6 /FontBBox [-123 -257 1001 910] /ItalicAngle 0 /Ascent 723 /Descent -241 /CapHeight 709 /StemV 69 >>',
  ];
  pages.forEach((text, i) => {
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${first + i * 2 + 1} 0 R >>`,
    );
    objects.push(stream(`BT /F1 20 Tf 1 0 0 1 60 760 Tm <${utf16Hex(text)}> Tj ET`));
  });
  return writePdf(objects);
}

/** A plain PDF of `pages` pages, each page saying its number in Helvetica (a standard font, not embedded). */
export function ordinaryPdf(pages = 3, label = 'Document'): Promise<Buffer> {
  const first = 4;
  const kids = Array.from({ length: pages }, (_, i) => `${first + i * 2} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  for (let i = 1; i <= pages; i++) {
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${first + (i - 1) * 2 + 1} 0 R >>`,
    );
    const text = `${label} page ${i}`.replace(/[\\()]/g, (c) => `\\${c}`);
    objects.push(stream(`BT /F1 20 Tf 1 0 0 1 60 760 Tm (${text}) Tj ET`));
  }
  return Promise.resolve(writePdf(objects));
}

/** A PDF that asks the reader to run JavaScript when opened, and on a page action. It must be stored, never run. */
export function pdfWithJavaScript(): Buffer {
  return writePdf([
    '<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R /Names << /JavaScript << /Names [(boot) 5 0 R] >> >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 6 0 R >> >> /Contents 4 0 R /AA << /O 5 0 R >> >>',
    stream('BT /F1 18 Tf 60 760 Td (Agenda with scripts) Tj ET'),
    "<< /Type /Action /S /JavaScript /JS (globalThis.__pdfScriptRan = true; app.alert\\('pwned'\\); this.exportDataObject\\({cName: 'x'}\\);) >>",
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}

/**
 * An encrypted PDF (standard security handler, RC4 40-bit) whose user password is not empty: pdf.js asks for
 * a password. The /U entry is random, so no password opens it; that is enough to be refused.
 */
export function encryptedPdf(): Buffer {
  const hex32 = (seed: number) => Array.from({ length: 32 }, (_, i) => ((i * 37 + seed) % 256).toString(16).padStart(2, '0')).join('');
  return writePdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
      stream('BT ET'),
      `<< /Filter /Standard /V 1 /R 2 /O <${hex32(11)}> /U <${hex32(97)}> /P -44 >>`,
    ],
    `/Encrypt 5 0 R /ID [<${'ab'.repeat(16)}> <${'ab'.repeat(16)}>] `,
  );
}
