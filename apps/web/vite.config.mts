import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// Everything is bundled and served by our own server: the town hall's network has no internet (no CDN).
export default defineConfig({
  root,
  plugins: [react()],
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
