import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The web app is built into web/dist and served by the Samplan server at `/` (src/http/app.ts).
// It imports the pure domain rules from ../src/domain (identity numbers, the establish checklist),
// so that the browser and the server judge the same way.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
