// The demo/preview page (`npm run demo`; `vite build` puts it in .tmp/demo-dist). It imports the package by its public names, as a user would.
import { defineConfig } from 'vite';

/** An absolute path inside the repository (no node types needed). */
const here = (path: string): string => decodeURIComponent(new URL(path, import.meta.url).pathname);

export default defineConfig(({ mode }) => ({
  root: here('demo'),
  // msw's worker lives in the repo's public/ so the browser tests and the demo share one copy.
  publicDir: here('public'),
  resolve: {
    alias: [
      { find: /^dynamic-chat\/engine$/, replacement: here('src/engine.ts') },
      { find: /^dynamic-chat\/define$/, replacement: here('src/define.ts') },
      { find: /^dynamic-chat$/, replacement: here('src/index.ts') },
    ],
  },
  // nanostores reads process.env.NODE_ENV, which a browser does not have. `npm run demo`
  // (scripts/demo.ts) turns __DEMO_SERVER__ on: the backend is then the reference server.
  define: { 'process.env.NODE_ENV': JSON.stringify(mode === 'production' ? 'production' : 'development'), __DEMO_SERVER__: 'false' },
  server: { port: 5173, fs: { allow: [here('.')] } },
  preview: { port: 4173 },
  // msw's browser bundle is most of the demo's weight; the widget itself is measured by the size test.
  build: { outDir: here('.tmp/demo-dist'), emptyOutDir: true, chunkSizeWarningLimit: 800 },
}));
