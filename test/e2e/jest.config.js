/** Browser end-to-end tests (npm run test:e2e): build dist/, serve it, drive Debian's chromium via playwright-core. */
const path = require('path');
const transforms = require('../jest-transforms.js');

module.exports = {
  rootDir: path.join(__dirname, '..', '..'),
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  ...transforms,
  globalSetup: '<rootDir>/test/e2e/global-setup.js',
  testTimeout: 120000,
};
