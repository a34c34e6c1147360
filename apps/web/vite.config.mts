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
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
      '/pdfjs': 'http://localhost:3000',
      '/socket.io': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
