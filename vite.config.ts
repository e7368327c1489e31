import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the renderer into out/renderer with relative asset paths (file:// in Electron). */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../out/renderer', emptyOutDir: true, sourcemap: false, target: 'chrome130' },
});
