import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// The window is WebKitGTK, which reads WOFF2: the fonts' WOFF fallbacks (0.3 MB that
// would be embedded in the binary and never read) are dropped from every @font-face.
const woff2Only = {
  postcssPlugin: 'etap-woff2-only',
  AtRule: {
    'font-face': (rule: import('postcss').AtRule) => {
      rule.walkDecls('src', (decl) => {
        decl.value = decl.value
          .split(/,\s*(?=url\()/)
          .filter((source) => !/format\(['"]woff['"]\)/.test(source))
          .join(', ');
      });
    },
  },
};

// The UI is served by Tauri from ui/dist; the dev server is only for `tauri dev`.
export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  css: { postcss: { plugins: [woff2Only] } },
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
    // The colour tokens are read as text by the contrast test (`app.css?raw`).
    css: { include: [/app\.css/] },
  },
});
