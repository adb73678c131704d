/** Unit and integration tests. Browser end-to-end tests live in test/e2e and run with `npm run test:e2e`. */
/** Dependencies published as ES modules only: transformed to CommonJS for jest (test/esm-transform.js). */
const ESM_PACKAGES = ['htmlparser2', 'entities', 'domhandler', 'domutils', 'domelementtype', 'dom-serializer'];
const ESM_ONLY = `/node_modules/(${ESM_PACKAGES.join('|')})/.+\\.js$`;

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
    [ESM_ONLY]: '<rootDir>/test/esm-transform.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  testTimeout: 60000,
};
