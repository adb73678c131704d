/** Unit and integration tests. Browser end-to-end tests live in test/e2e and run with `npm run test:e2e`. */
const transforms = require('./test/jest-transforms.js');

module.exports = {
  ...transforms,
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  testTimeout: 60000,
};
