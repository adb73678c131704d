#!/usr/bin/env node
/**
 * Prints the coverage of every fixture workbook (scripts/fixtures/coverage-report.ts) as a Markdown table:
 * tables, identities evaluated on them, printed amounts, amounts no identity checked.
 *   node scripts/coverage-report.js [--tables]
 * The TypeScript is bundled by esbuild into node_modules/.cache (as make-samples.js does) and deleted after.
 */
'use strict';
const path = require('path');
const fs = require('fs');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
fs.mkdirSync(path.join(root, 'node_modules', '.cache'), { recursive: true });
const tmp = fs.mkdtempSync(path.join(root, 'node_modules', '.cache', 'juesuan-coverage-'));
const out = path.join(tmp, 'coverage-report.js');
const done = () => fs.rmSync(tmp, { recursive: true, force: true });
try {
  esbuild.buildSync({
    entryPoints: [path.join(__dirname, 'fixtures', 'coverage-report.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    external: ['exceljs', 'decimal.js', 'fflate', 'htmlparser2'],
    logLevel: 'warning',
  });
  const { coverageReport } = require(out);
  coverageReport(process.argv.includes('--tables')).then(
    (text) => {
      process.stdout.write(text);
      done();
    },
    (e) => {
      console.error(e);
      done();
      process.exit(1);
    },
  );
} catch (e) {
  done();
  throw e;
}
