import notoSansJp from '@fontsource/noto-sans-jp/400.css?inline';

/**
 * Many Japanese office PDFs name a Japanese font without embedding it (HeiseiMin-W3, MS-Mincho, ...). pdf.js then
 * draws with the local font of that name, else a generic family: on a tablet or thin client without Japanese
 * fonts that is a row of empty boxes. We give those names the Noto Sans JP faces that the client already bundles
 * (no CDN): pdf.js asks the canvas for "HeiseiMin W3" (its family name without weight words) and gets Noto.
 * Only the families a page asks for get aliases (substitutedFamilies): a face is decoded once per family and subset,
 * and the paper's first page waits for them.
 *
 * Each Noto subset (split by unicode-range) is fetched once per session: 18 aliases loading one file at the same time
 * made the browser ask for it 18 times. The page's own Noto Sans JP face fetches it first (once, as it would for any
 * text on screen); the aliases, made afterwards from the same address, take it from the browser's memory cache.
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

interface Subset {
  url: string;
  unicodeRange: string;
  ranges: [number, number][];
}

let subsets: Subset[] | undefined;

/** The subsets of the bundled Noto Sans JP 400 (their hashed URLs, as Vite wrote them into the CSS). */
function notoSubsets(): Subset[] {
  subsets ??= [...notoSansJp.matchAll(/@font-face\s*{([^}]*)}/g)].flatMap(([, block]) => {
    const url = /url\(([^)]+?\.woff2)\)/.exec(block)?.[1]?.replace(/^['"]|['"]$/g, '');
    const unicodeRange = /unicode-range:\s*([^;]+)/.exec(block)?.[1]?.trim();
    if (!url || !unicodeRange) return [];
    const ranges = unicodeRange.split(',').map((part): [number, number] => {
      const [from, to = from] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(from, 16), parseInt(to, 16)];
    });
    return [{ url, unicodeRange, ranges }];
  });
  return subsets;
}

const installed = new Map<string, Promise<void>>();

/** The alias `family` for a subset whose file is already loaded (the page's Noto Sans JP 400). */
function installSubset(family: string, subset: Subset): Promise<void> {
  const key = `${family}\u0000${subset.url}`;
  let done = installed.get(key);
  if (!done) {
    const face = new FontFace(family, `url(${subset.url}) format('woff2')`, { weight: '400', style: 'normal', unicodeRange: subset.unicodeRange });
    done = face.load().then((loaded) => void document.fonts.add(loaded));
    // A failed load (network cut) may be tried again on the next page.
    done.catch(() => installed.delete(key));
    installed.set(key, done);
  }
  return done;
}

const squeeze = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');
const KNOWN = PDF_FONT_FAMILIES.map(squeeze);

/**
 * The Japanese families pdf.js will ask the canvas for on a page, from its text content's styles (`fontSubstitution`
 * is there with pdf-loader.ts's `fontExtraProperties`): the first family of each substitution, when it names one of
 * the fonts above (also with a suffix, e.g. "HeiseiMin W3 UniJIS UCS2 H"). A font the paper embeds has none.
 */
export function substitutedFamilies(styles: Record<string, object>): string[] {
  const families = new Set<string>();
  for (const style of Object.values(styles)) {
    const css = (style as { fontSubstitution?: unknown }).fontSubstitution;
    const first = typeof css === 'string' ? /^\s*"([^"]+)"/.exec(css)?.[1] : undefined;
    if (first && KNOWN.some((known) => squeeze(first).startsWith(known))) families.add(first);
  }
  return [...families];
}

const JAPANESE = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Canvas text does not wait for web fonts: install the aliases and subsets this page needs before pdf.js draws it. */
export async function loadJapaneseGlyphs(text: string, families: string[]): Promise<void> {
  if (families.length === 0 || !JAPANESE.test(text) || typeof document === 'undefined') return;
  const codePoints = new Set([...text].map((c) => c.codePointAt(0)!));
  const needed = notoSubsets().filter((s) => [...codePoints].some((cp) => s.ranges.some(([lo, hi]) => cp >= lo && cp <= hi)));
  await document.fonts.load(`16px "Noto Sans JP"`, text).catch(() => undefined);
  await Promise.all(families.flatMap((family) => needed.map((subset) => installSubset(family, subset)))).catch(() => undefined);
}
