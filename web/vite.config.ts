// The web app: root is web/, output web/dist with a manifest (scripts/bundle-size.mjs reads it).
// `npm run dev:web` proxies /api to a running `jixiao serve` (JIXIAO_API overrides the address).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Vendor chunks: React and the router change rarely and are needed by every page; ECharts only by the pages that chart. */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom|@tanstack)\//.test(id)) return 'react';
  if (/node_modules\/(echarts|zrender|tslib)\//.test(id)) return 'echarts';
  return undefined;
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rollupOptions: { output: { manualChunks: vendorChunk } },
  },
  server: {
    proxy: { '/api': { target: process.env['JIXIAO_API'] ?? 'http://localhost:3000', changeOrigin: true } },
  },
});
