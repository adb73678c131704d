#!/usr/bin/env node
/**
 * Bundles the `juesuan` command (src/cli/main.ts) into dist/cli/juesuan.js: one CommonJS file for plain
 * `node` (no TypeScript runtime). fflate, htmlparser2 and decimal.js are bundled in: one file loads faster than
 * resolving their module trees at every start.
 *
 * Usage: node scripts/build-cli.js        (or: npm run build:cli)
 * From code: require('./scripts/build-cli.js').buildCli({ quiet: true })
 */
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'src', 'cli', 'main.ts');
const outfile = path.join(root, 'dist', 'cli', 'juesuan.js');

/** Synchronous so that bin/juesuan.js can build on first run before loading the result. */
function buildCli(options = {}) {
  const esbuild = require('esbuild');
  const started = Date.now();
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const result = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    write: false,
    minify: true,
    keepNames: true, // error classes are recognised by name (WorkbookReadError)
    sourcemap: 'external',
    sourcesContent: false,
    legalComments: 'none',
    define: { JUESUAN_VERSION: JSON.stringify(pkg.version) },
    logLevel: 'silent',
    // The solver's WebAssembly sits beside its loader: highs is required from node_modules at run time.
    external: ['highs'],
  });
  if (result.errors.length > 0) {
    const text = esbuild.formatMessagesSync(result.errors, { kind: 'error' }).join('\n');
    throw new Error(`juesuan 命令构建失败：\n${text}`);
  }
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  // Write to a temporary name, then rename: concurrent first runs never load a half-written file.
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, file.contents);
    fs.renameSync(tmp, file.path);
  }
  const ms = Date.now() - started;
  if (!options.quiet) {
    const size = fs.statSync(outfile).size;
    process.stdout.write(`已构建 ${path.relative(root, outfile)}（${(size / 1024 / 1024).toFixed(2)} MB，${ms} ms）\n`);
  }
  return { outfile, ms };
}

module.exports = { buildCli, outfile, root };

if (require.main === module) {
  try {
    buildCli();
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
