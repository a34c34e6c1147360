import { dirname, extname, join } from 'node:path';
import type { PdfjsAssets } from './pdf-worker-protocol';

/**
 * pdf.js for the server: the legacy build. Not for Node 20 any more: pdf.js 6's modern build targets current
 * browsers and calls what Node 24's V8 does not have yet (`Uint8Array.prototype.toHex`,
 * `Map.prototype.getOrInsertComputed`, `Math.sumPrecise`), so it fails on the first document; the legacy build
 * ships those as polyfills. The browser (apps/web) uses the modern build.
 */
const root = dirname(require.resolve('pdfjs-dist/package.json'));

export const PDFJS_ASSETS: PdfjsAssets = {
  modulePath: require.resolve('pdfjs-dist/legacy/build/pdf.mjs'),
  cMapDir: `${join(root, 'cmaps')}/`,
  standardFontDir: `${join(root, 'standard_fonts')}/`,
  wasmDir: `${join(root, 'wasm')}/`,
  iccDir: `${join(root, 'iccs')}/`,
};

/** @napi-rs/canvas as pdf.js loads it (from its own folder, which may hold a newer copy than ours). */
export const PDFJS_CANVAS_PATH = require.resolve('@napi-rs/canvas', { paths: [root] });

/**
 * The file a worker thread starts from, beside this one: `.js` in the compiled server (dist/), `.ts` under jest,
 * which Node 24 runs by stripping the types (the worker files keep to erasable syntax and type-only local imports).
 */
export function pdfWorkerFile(name: 'pdf-reader.worker' | 'page-render.worker' | 'pdf-stream-scan'): string {
  return join(__dirname, `${name}${extname(__filename)}`);
}
