import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` serves the app on :5173 and forwards the API to a local `mentorhub serve`
// (MENTORHUB_API, default http://127.0.0.1:8080). `npm run build` writes web/dist, which the
// server serves itself.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': process.env.MENTORHUB_API ?? 'http://127.0.0.1:8080' },
  },
});
