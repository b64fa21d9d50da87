import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Kernel and Docker tests mount, build and run real things: one file at a time
    // keeps two cores from thrashing and keeps mount namespaces simple.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
