import notoSansJp from '@fontsource/noto-sans-jp/400.css?inline';

/**
 * Many Japanese office PDFs name a Japanese font without embedding it (HeiseiMin-W3, MS-Mincho, ...). pdf.js then
 * draws with the local font of that name, else a generic family: on a tablet or thin client without Japanese
 * fonts that is a row of empty boxes. We give those names the Noto Sans JP faces that the client already bundles
 * (no CDN): pdf.js asks the canvas for "HeiseiMin W3" (its family name without weight words) and gets Noto.
 */
const PDF_FONT_FAMILIES = [
  'HeiseiMin W3',
  'HeiseiKakuGo W5',
  'KozMinPr6N',
  'KozGoPr6N',
  'KozMinPro',
  'KozGoPro',
  'Ryumin',
  'GothicBBB',
  'MS Mincho',
  'MS Gothic',
  'MS PMincho',
  'MS PGothic',
  'MSMincho',
  'MSGothic',
  'Yu Mincho',
  'Yu Gothic',
  'IPAMincho',
  'IPAGothic',
];

let installed = false;

export function installJapanesePdfFonts(): void {
  if (installed || typeof document === 'undefined') return;
  installed = true;
  const style = document.createElement('style');
  style.dataset.purpose = 'japanese-pdf-fonts';
  style.textContent = PDF_FONT_FAMILIES.map((family) =>
    notoSansJp.replaceAll(/font-family:\s*(['"]?)Noto Sans JP\1/g, `font-family: '${family}'`),
  ).join('\n');
  document.head.appendChild(style);
}

const JAPANESE = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Canvas text does not wait for web fonts: fetch the subsets this page needs before pdf.js draws it. */
export async function loadJapaneseGlyphs(text: string): Promise<void> {
  if (!JAPANESE.test(text)) return;
  installJapanesePdfFonts();
  await Promise.all(PDF_FONT_FAMILIES.map((family) => document.fonts.load(`16px "${family}"`, text))).catch(() => undefined);
}
