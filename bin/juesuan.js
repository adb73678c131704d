#!/usr/bin/env node
/**
 * Entry of the `juesuan` command. Runs the bundled dist/cli/juesuan.js; when it is missing (fresh clone
 * after `npm ci`) or older than the sources, builds it first with esbuild (well under a second), quietly.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const bundle = path.join(root, 'dist', 'cli', 'juesuan.js');
const src = path.join(root, 'src');

function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.tsx?$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  let built;
  try {
    built = fs.statSync(bundle).mtimeMs;
  } catch {
    return true;
  }
  // Only the parts bundled into the command; src/ui and the add-in do not affect it.
  const dirs = ['cli', 'core', path.join('adapters', 'xlsx')].map((d) => path.join(src, d));
  return dirs.some((d) => newestSource(d) > built);
}

if (fs.existsSync(src) && needsBuild()) {
  try {
    require(path.join(root, 'scripts', 'build-cli.js')).buildCli({ quiet: true });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (!fs.existsSync(bundle)) {
      process.stderr.write(`juesuan：无法构建命令行程序：${why}\n`);
      process.exit(2);
    }
    // Sources mid-edit: say so, and run the last good build rather than nothing.
    process.stderr.write(`juesuan：源码有改动但构建失败，仍使用上次构建的版本：${why}\n`);
  }
}
require(bundle);
