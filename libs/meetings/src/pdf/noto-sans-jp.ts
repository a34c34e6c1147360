import fontkit from '@pdf-lib/fontkit';
import { readFile } from 'node:fs/promises';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/**
 * Noto Sans JP (SIL Open Font License), the TrueType files shipped by @expo-google-fonts/noto-sans-jp. The PDFs we
 * write (minutes, "my notes") embed a subset of it (the glyphs they use: tens of kB instead of 5 MB), so a reader
 * without any Japanese font still shows the text; the page renderer (page-renderer.ts) gives the font to the canvas
 * for papers whose Japanese fonts are not embedded.
 */
export type NotoWeight = 'regular' | 'bold';

const FILES: Record<NotoWeight, string> = {
  regular: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
};

export function notoSansJpPath(weight: NotoWeight = 'regular'): string {
  return require.resolve(FILES[weight]);
}

// Each face is read once, on first use (5 MB each), and kept: every export then only subsets it.
const loaded = new Map<NotoWeight, Promise<Buffer>>();

function fontBytes(weight: NotoWeight): Promise<Buffer> {
  let bytes = loaded.get(weight);
  if (!bytes) {
    bytes = readFile(notoSansJpPath(weight));
    bytes.catch(() => loaded.delete(weight));
    loaded.set(weight, bytes);
  }
  return bytes;
}

/**
 * @pdf-lib/fontkit 1.1.1 copies each glyph's bytes as they are, but Noto Sans JP (long `loca` offsets) has glyphs of
 * odd length; a subset small enough gets short `loca` offsets, which count 2-byte words, so every glyph after an
 * odd one starts one byte off and draws as garbage or nothing (seen: 議事録 rendered blank by pdf.js). The
 * TrueType spec wants glyphs 2-byte aligned anyway: we pad each copied glyph to an even length. Applied once, to
 * the subsetter's prototype, checked (the method and fields it relies on) so that a fontkit update fails loudly.
 */
interface TtfSubsetInternals {
  glyf: Uint8Array[];
  offset: number;
  _addGlyph(gid: number): number;
}

let patched = false;

function alignSubsetGlyphs(bytes: Buffer): void {
  if (patched) return;
  const proto = Object.getPrototypeOf(fontkit.create(bytes).createSubset()) as TtfSubsetInternals;
  const original = proto._addGlyph;
  if (typeof original !== 'function') throw new Error('@pdf-lib/fontkit: TTFSubset._addGlyph not found (the padding fix needs review)');
  proto._addGlyph = function (this: TtfSubsetInternals, gid: number): number {
    const index = original.call(this, gid);
    const glyph = this.glyf[index];
    if (glyph.length % 2 === 1) {
      // Of the class fontkit's own stream accepts (its bundled Buffer), whatever realm we run in.
      const kind = glyph.constructor as { alloc?: (size: number) => Uint8Array };
      const padded = kind.alloc ? kind.alloc(glyph.length + 1) : new Uint8Array(glyph.length + 1);
      padded.set(glyph);
      this.glyf[index] = padded;
      this.offset += 1;
    }
    return index;
  };
  patched = true;
}

/** Embeds the glyphs the document uses (a subset of the face). */
export async function embedNotoSansJp(doc: PDFDocument, weight: NotoWeight = 'regular'): Promise<PDFFont> {
  const bytes = await fontBytes(weight);
  alignSubsetGlyphs(bytes);
  doc.registerFontkit(fontkit);
  return doc.embedFont(bytes, { subset: true });
}
