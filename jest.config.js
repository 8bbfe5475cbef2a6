/** Jest runs TypeScript through SWC (transpile only); `npm test` type-checks first with tsc. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // One worker per core: jest's default keeps a core for its main process, which only waits, so on
  // the 2-core CI machine the files ran one after another (~120 s against ~70 s).
  maxWorkers: '100%',
};
