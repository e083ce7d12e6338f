import { defineConfig } from 'vitest/config';

// End-to-end files drive a real Chromium each; one file at a time keeps a 2-core machine responsive.
export default defineConfig({
  // The reference server (started by the demo's tests as `npm run demo` does) imports the engine by its public name.
  resolve: { alias: { 'dynamic-chat/engine': new URL('../../src/engine.ts', import.meta.url).pathname } },
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
