import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

/**
 * Two pages: the console (index.html, Ant Design) and the public H5 pages (h5.html, antd-mobile).
 * They share no UI library, so the public page ships without the console's weight.
 */
export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@xs/core': path.resolve(import.meta.dirname, '../core/src') } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        console: path.resolve(import.meta.dirname, 'index.html'),
        h5: path.resolve(import.meta.dirname, 'h5.html'),
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
