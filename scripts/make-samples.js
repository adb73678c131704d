#!/usr/bin/env node
/**
 * Regenerates samples/*.xlsx from the transcribed seeds (scripts/fixtures/make-samples.ts).
 * There is no ts-node here: esbuild (installed) bundles the TypeScript generator to a temporary file
 * under node_modules/.cache (exceljs stays external and resolves from the project), then runs it.
 *   node scripts/make-samples.js [outDir]
 */
'use strict';
const path = require('path');
const fs = require('fs');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
// The bundle sits inside node_modules/.cache so its `require('exceljs')` resolves from the project.
fs.mkdirSync(path.join(root, 'node_modules', '.cache'), { recursive: true });
const tmp = fs.mkdtempSync(path.join(root, 'node_modules', '.cache', 'juesuan-samples-'));
const out = path.join(tmp, 'make-samples.js');
try {
  esbuild.buildSync({
    entryPoints: [path.join(__dirname, 'fixtures', 'make-samples.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    external: ['exceljs', 'decimal.js'],
    logLevel: 'warning',
  });
  const { makeSamples } = require(out);
  const dir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'samples');
  makeSamples(dir).then(
    (files) => {
      for (const f of files) console.log(`已生成 ${path.relative(process.cwd(), f)}`);
      fs.rmSync(tmp, { recursive: true, force: true });
    },
    (e) => {
      console.error(e);
      fs.rmSync(tmp, { recursive: true, force: true });
      process.exit(1);
    },
  );
} catch (e) {
  fs.rmSync(tmp, { recursive: true, force: true });
  throw e;
}
