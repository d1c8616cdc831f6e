import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const repository = fileURLToPath(new URL('../..', import.meta.url));

// Served by the API under /console (apps/api/src/console), from dist/console.
export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  resolve: {
    alias: {
      '@licences/shared-identity': `${repository}libs/shared/identity/src/index.ts`,
    },
  },
  build: {
    outDir: `${repository}dist/console`,
    emptyOutDir: true,
    // No inline scripts or styles: the console's Content-Security-Policy allows only its own files.
    assetsInlineLimit: 0,
    sourcemap: true,
    reportCompressedSize: false,
    // One bundle for a console used on an office network; no chunk is loaded on demand.
    chunkSizeWarningLimit: 1500,
  },
  logLevel: 'warn',
});
