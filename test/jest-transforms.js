/**
 * The transforms of both jest configurations: TypeScript through ts-jest (transpile only: `npm run typecheck` is
 * the type check), and the dependencies published as ES modules only (htmlparser2 and its own) through esbuild.
 */
'use strict';
const ESM_PACKAGES = ['htmlparser2', 'entities', 'domhandler', 'domutils', 'domelementtype', 'dom-serializer'];

module.exports = {
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }],
    [`/node_modules/(${ESM_PACKAGES.join('|')})/.+\\.js$`]: '<rootDir>/test/esm-transform.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
};
