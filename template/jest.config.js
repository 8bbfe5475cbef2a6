/** Jest runs TypeScript through SWC (transpile only, no TypeScript API); `npm test` type-checks with tsc first. */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/previews/'],
  transform: { '^.+\\.ts$': '@swc/jest' },
};
