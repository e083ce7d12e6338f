import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The server's tests: protocol against PGlite (and PostgreSQL when DATABASE_URL is set), calendars, two processes.
export default defineConfig({
  resolve: { alias: { 'dynamic-chat/engine': fileURLToPath(new URL('../src/engine.ts', import.meta.url)) } },
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Files share the machine's one PostgreSQL and its CPUs; one at a time keeps timings honest.
    fileParallelism: false,
  },
});
