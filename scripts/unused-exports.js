#!/usr/bin/env node
/**
 * `node scripts/unused-exports.js` — lists the exports of src/ that nothing imports: neither another file of
 * src/, nor a test, nor a script (TypeScript's language service, `findReferences` on every exported name, with
 * the project's tsconfig.json). An export used only inside its own file is listed as such (the `export` can go).
 *
 *   node scripts/unused-exports.js            every unused export, `file:line name (where it is used)`
 *   node scripts/unused-exports.js --tests    also the exports of src/ that only tests use
 *
 * Exit code 0 always: it is a report for a person, who decides (an entry point's export is used by the bundler).
 */
'use strict';
const path = require('path');
const ts = require('typescript');

const root = path.resolve(__dirname, '..');
const rel = (f) => path.relative(root, f).split(path.sep).join('/');

function languageService() {
  const configPath = path.join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const files = new Map(parsed.fileNames.map((f) => [f, 0]));
  const host = {
    getScriptFileNames: () => [...files.keys()],
    getScriptVersion: () => '0',
    getScriptSnapshot: (f) => (ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(f)) : undefined),
    getCurrentDirectory: () => root,
    getCompilationSettings: () => parsed.options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return { service: ts.createLanguageService(host, ts.createDocumentRegistry()), files: [...files.keys()] };
}

/** The exported names a file declares (not re-exports), with the node to ask about. */
function exportedNames(sf) {
  const out = [];
  const isExported = (n) => ts.getCombinedModifierFlags(n) & ts.ModifierFlags.Export;
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st) && isExported(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) out.push(d.name);
    } else if (
      (ts.isFunctionDeclaration(st) ||
        ts.isClassDeclaration(st) ||
        ts.isInterfaceDeclaration(st) ||
        ts.isTypeAliasDeclaration(st) ||
        ts.isEnumDeclaration(st)) &&
      st.name &&
      isExported(st)
    ) {
      out.push(st.name);
    }
  }
  return out;
}

function main() {
  const withTests = process.argv.includes('--tests');
  const { service, files } = languageService();
  const program = service.getProgram();
  const rows = [];
  for (const file of files) {
    const r = rel(file);
    if (!r.startsWith('src/')) continue;
    const sf = program.getSourceFile(file);
    if (!sf) continue;
    for (const name of exportedNames(sf)) {
      const refs = (service.findReferences(file, name.getStart(sf)) || []).flatMap((s) => s.references);
      const where = new Set(refs.filter((x) => !x.isDefinition).map((x) => rel(x.fileName)));
      const outside = [...where].filter((f) => f !== r);
      const line = sf.getLineAndCharacterOfPosition(name.getStart(sf)).line + 1;
      // a re-export (`export { x } from './x'`) is a use only when the re-exported name is used in turn: refs
      // through it are found by findReferences all the same, so an index re-export alone shows as its file
      const users = outside.filter((f) => !isReexportOnly(program, f, name.text));
      if (users.length === 0) rows.push(`${r}:${line} ${name.text}${where.has(r) ? ' (used in its own file only)' : ''}`);
      else if (withTests && users.every((f) => f.startsWith('test/')))
        rows.push(`${r}:${line} ${name.text} (tests only: ${users.join(', ')})`);
    }
  }
  for (const row of rows) console.log(row);
  console.error(`${rows.length} exports listed`);
}

/** Whether `file` mentions `name` only in `export { name } from …` / `export type { name } from …`. */
function isReexportOnly(program, file, name) {
  const sf = program.getSourceFile(path.join(root, file));
  if (!sf) return false;
  let other = false;
  const visit = (n) => {
    if (other) return;
    if (ts.isIdentifier(n) && n.text === name) {
      let p = n.parent;
      const inReexport = p && ts.isExportSpecifier(p) && p.parent && p.parent.parent && p.parent.parent.moduleSpecifier;
      if (!inReexport) other = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return !other;
}

if (require.main === module) main();

module.exports = { exportedNames };
