import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, transformWithOxc, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Files of public/ the installed app needs offline (Vite copies them; they are not in the bundle). */
const PUBLIC_SHELL = ['/manifest.webmanifest', '/favicon.svg', '/icons/icon-192.png', '/icons/icon-512.png', '/icons/apple-touch-icon.png'];

/**
 * /sw.js from src/shell/service-worker.ts, written after the bundle so that it names this build: its id (a hash of
 * every file name, which carry content hashes) and the shell to precache: index.html, our scripts and styles. Fonts
 * and pdf.js are left to be cached when first used (megabytes a phone may never need).
 */
function yakubaServiceWorker(): Plugin {
  const source = fileURLToPath(new URL('./src/shell/service-worker.ts', import.meta.url));
  return {
    name: 'yakuba-service-worker',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const files = Object.keys(bundle).sort();
      const precache = [
        '/index.html',
        ...files.filter((f) => /\.(js|css)$/.test(f) && !/pdf/i.test(f)).map((f) => `/${f}`),
        ...PUBLIC_SHELL,
      ];
      const id = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
      const { code } = await transformWithOxc(readFileSync(source, 'utf8'), source, { lang: 'ts' });
      const script = code
        .replace(/^export\s*\{\s*\};?\s*$/m, '')
        .replace('__YAKUBA_BUILD__', JSON.stringify({ id, precache }));
      if (script.includes('__YAKUBA_BUILD__') || /^\s*(import|export)\s/m.test(script)) throw new Error('service worker: the build could not be written into sw.js');
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: script });
    },
  };
}

// Everything is bundled and served by our own server: the town hall's network has no internet (no CDN).
export default defineConfig({
  root,
  plugins: [react(), yakubaServiceWorker()],
  // Each feature's styles are a CSS module: class names are local to the feature (`styles.chatMain` or `styles['chat-main']`).
  css: { modules: { localsConvention: 'camelCase' } },
  resolve: {
    alias: { '@yakuba/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // pdf.js's worker is one file of its own (about 1.3 MB, fetched by the meeting room and the approval viewer only).
    chunkSizeWarningLimit: 1400,
    // Pictures are files with a hashed name (immutable, fetched once), never data: URLs: a data: URL in an <img> is
    // what the stored-XSS campaign looks for as injected markup, and the town's mark is one small file anyway.
    assetsInlineLimit: (file: string) => (file.endsWith('.svg') ? false : undefined),
    rolldownOptions: {
      output: {
        // A feature's chunk is named after it (feature-meetings-<hash>.js), not after its routes.tsx.
        chunkFileNames: (chunk) => {
          const feature = /features[\\/]([^\\/]+)[\\/]routes\.tsx$/.exec(chunk.facadeModuleId ?? '')?.[1];
          return `assets/${feature ? `feature-${feature}` : '[name]'}-[hash].js`;
        },
        // The large libraries are chunks of their own, each fetched only by the features that use it (the routes are
        // lazy, app.tsx): a release that changes our code leaves their cached copies valid.
        codeSplitting: {
          groups: [
            { name: 'vendor-pdfjs', test: /node_modules[\\/]pdfjs-dist[\\/]/, priority: 30 },
            { name: 'vendor-chartjs', test: /node_modules[\\/](chart\.js|@kurkle)[\\/]/, priority: 30 },
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
      '/pdfjs': 'http://localhost:3000',
      '/socket.io': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
