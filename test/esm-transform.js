/**
 * Jest transform for the few dependencies published as ES modules only (htmlparser2 and its own dependencies):
 * esbuild turns them into CommonJS for jest's module system. The product bundles them natively.
 */
'use strict';
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: 'js',
      format: 'cjs',
      target: 'node20',
      sourcefile: filename,
      sourcemap: 'inline',
    });
    return { code, map };
  },
};
