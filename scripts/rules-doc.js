#!/usr/bin/env node
/**
 * `npm run rules-doc` — writes docs/RULES.md: every rule id a finding can carry, grouped by table kind (the
 * identities within a table), between tables, and by check family (cell, amount, unit, code, completeness,
 * meta), each with its severities, what it checks (the rule's own description) and where it is defined.
 *
 * Where the ids come from:
 * - the rule data: `ALL_RULES` of src/core/rules, bundled on the fly with esbuild into a temporary file that is
 *   deleted at once (as scripts/bench.js does). The file defining a rule is the rule module whose exports hold
 *   that very rule object; an id built by a template (`${kind}.hierarchy.total`) also names the file and
 *   function of the template.
 * - the code: every .ts file under src/core is parsed (TypeScript's parser, no type check) for the places that
 *   make a finding with a literal id — an object `{ rule: 'unit.mismatch', severity: … }`, a call
 *   `finding('code.parent', …)` or `checkSeverity('unit.mismatch')` — and any severity written there
 *   (`economic ? 'warning' : 'info'` gives both; test/rules-doc.test.ts requires that src/core writes none but
 *   `rounding`: the severity of a check is the rule's). Files may move or split: the whole tree is scanned, nothing is looked up by file name. An id
 *   found only in code is listed too, marked as missing from src/core/rules.
 * - identities (sum, ratio, grade rules) get their finding in the generic evaluator: a broken sum has the rule's
 *   severity (default error), or `rounding` when the difference lies within the rounding bound of 万元 amounts
 *   (docs/DOMAIN.md §5.3); a ratio is error or rounding; a grade is error. The evaluator files are the ones
 *   importing the rule type (`SumRule`, `RatioRule`, `GradeRule`, `ConsistencyRule`) and setting a severity.
 *
 *   node scripts/rules-doc.js           write docs/RULES.md
 *   node scripts/rules-doc.js --check   exit 1 when docs/RULES.md is not current
 *
 * Exports `render()` (the document as a string), `collect()` (the entries), `scanFindingSites(sources)` and
 * `parseRulesDoc(text)` (id → severities, as listed) for test/rules-doc.test.ts.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const CORE = path.join(root, 'src', 'core');
const RULES_DIR = path.join(CORE, 'rules');
const OUT = path.join(root, 'docs', 'RULES.md');

const SEVERITIES = ['error', 'warning', 'rounding', 'info'];
const ID = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const FAMILIES = {
  cell: '单元格内容 — cell contents',
  amount: '金额与数量 — amounts and counts',
  unit: '金额单位 — units',
  code: '科目编码与名称 — classification codes and names',
  completeness: '完整性 — completeness',
  meta: '编制单位与年度 — unit and year of a set',
};
const IDENTITY_SEVERITIES = {
  sum: (r, specs) => [r.severity || 'error', ...(canRound(r, specs) ? ['rounding'] : [])],
  ratio: () => ['error', 'rounding'],
  grade: () => ['error'],
};
const EVALUATOR_TYPE = { sum: 'SumRule', ratio: 'RatioRule', grade: 'GradeRule', consistent: 'ConsistencyRule', check: null };

const rel = (abs) => path.relative(root, abs).split(path.sep).join('/');

function tsFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (/\.tsx?$/.test(e.name) && !/\.d\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}

/** ALL_RULES, the severity labels and kind titles, and every rule module's exports, from one esbuild bundle. */
function loadRuleData() {
  const esbuild = require('esbuild');
  const modules = tsFiles(RULES_DIR).filter((f) => path.basename(f) !== 'index.ts');
  const spec = (f) => `./${rel(f).replace(/\.tsx?$/, '')}`;
  const contents = [
    `export { ALL_RULES } from './src/core/rules';`,
    `export { KIND_TITLES, SEVERITY_LABELS } from './src/core/labels';`,
    `export { SPECS } from './src/core/specs';`,
    ...modules.map((f, i) => `import * as m${i} from '${spec(f)}';`),
    `export const MODULES = [${modules.map((f, i) => `[${JSON.stringify(rel(f))}, m${i}]`).join(', ')}];`,
  ].join('\n');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-rules-doc-'));
  const out = path.join(dir, 'rules.js');
  try {
    esbuild.buildSync({
      stdin: { contents, resolveDir: root, loader: 'ts' },
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile: out,
      logLevel: 'warning',
    });
    const m = require(out);
    delete require.cache[require.resolve(out)];
    return m;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The string values an expression can take when it is made of string literals only (`a ? 'x' : 'y'`). */
function literals(ts, e) {
  if (!e) return [];
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) return literals(ts, e.expression);
  if (ts.isSatisfiesExpression && ts.isSatisfiesExpression(e)) return literals(ts, e.expression);
  if (ts.isConditionalExpression(e)) return [...literals(ts, e.whenTrue), ...literals(ts, e.whenFalse)];
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(e.operatorToken.kind))
    return [...literals(ts, e.left), ...literals(ts, e.right)];
  return [];
}

/**
 * The places in src/core that make a finding with a literal rule id, and the severities written there:
 * id → { severities, files }.
 */
function scanFindingSites(sources) {
  const ts = require('typescript');
  const sites = new Map();
  const add = (id, sevs, file) => {
    let s = sites.get(id);
    if (!s) sites.set(id, (s = { severities: new Set(), files: new Set() }));
    for (const v of sevs) s.severities.add(v);
    s.files.add(file);
  };
  for (const { file, text } of sources) {
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const visit = (node) => {
      if (ts.isObjectLiteralExpression(node)) {
        const prop = (name) =>
          node.properties.find(
            (p) => ts.isPropertyAssignment(p) && p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name,
          );
        const rule = prop('rule');
        if (rule) {
          const ids = literals(ts, rule.initializer).filter((v) => ID.test(v));
          const sev = prop('severity');
          const sevs = sev ? literals(ts, sev.initializer).filter((v) => SEVERITIES.includes(v)) : [];
          for (const id of ids) add(id, sevs, file);
        }
      } else if (ts.isCallExpression(node)) {
        const values = node.arguments.flatMap((a) => literals(ts, a));
        const ids = values.filter((v) => ID.test(v));
        const sevs = values.filter((v) => SEVERITIES.includes(v));
        // `finding('code.parent', …)`, `checkSeverity('unit.mismatch')`: the severity comes from the rule data
        const callee = ts.isIdentifier(node.expression) ? node.expression.text : '';
        const fromData =
          /finding|^checkSeverity$/i.test(callee) && node.arguments.length > 0 && literals(ts, node.arguments[0]).some((v) => ID.test(v));
        if (ids.length > 0 && (sevs.length > 0 || fromData)) for (const id of ids) add(id, sevs, file);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return sites;
}

/**
 * Template literals of the sources as patterns, with the function they are written in:
 * `${kind}.hierarchy.total` in functionHierarchy() → /^[a-z0-9_.]+\.hierarchy\.total$/.
 */
function templatePatterns(sources) {
  const ts = require('typescript');
  const out = [];
  for (const { file, text } of sources) {
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const visit = (node) => {
      if (ts.isTemplateExpression(node)) {
        const parts = [node.head.text, ...node.templateSpans.map((sp) => sp.literal.text)];
        const fixed = parts.join('');
        if (/^[a-z0-9_.]*$/.test(fixed) && fixed.includes('.')) {
          let fn = null;
          for (let p = node.parent; p && !fn; p = p.parent) if (ts.isFunctionDeclaration(p) && p.name) fn = p.name.text;
          const re = new RegExp(`^${parts.map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[a-z0-9_.]+')}$`);
          out.push({ file, re, weight: fixed.length, fn, text: node.getText(sf).slice(1, -1) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/**
 * Whether a sum rule can end as `rounding`: some term may be a 万元 amount. A term is exact when the specs of its
 * table print its column as a count, score or percent, or its row (a fixed key) as a count line. Whatever the
 * specs do not tell counts as an amount.
 */
function canRound(rule, specs) {
  const byKind = new Map();
  const collectKinds = (node, cols, lines) => {
    if (Array.isArray(node)) return node.forEach((x) => collectKinds(x, cols, lines));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'columns' && Array.isArray(v)) for (const c of v) if (c && c.key) cols.push([c.key, c.kind || 'amount']);
      if (k === 'lines' && Array.isArray(v)) for (const l of v) if (l && l.key) lines.push([l.key, l.valueKind || null]);
      collectKinds(v, cols, lines);
    }
  };
  for (const spec of specs) {
    let e = byKind.get(spec.kind);
    if (!e) byKind.set(spec.kind, (e = []));
    const cols = [];
    const lines = [];
    collectKinds(spec, cols, lines);
    e.push({ cols: new Map(cols), lines: new Map(lines) });
  }
  const exact = (kind, col, rows) => {
    const list = byKind.get(kind);
    if (!list || list.length === 0 || !col) return false;
    const colExact = list.every((sp) => sp.cols.has(col) && sp.cols.get(col) !== 'amount');
    const rowExact =
      rows !== null &&
      rows.length > 0 &&
      rows.every(
        (r) =>
          list.some((sp) => sp.lines.has(r)) && list.every((sp) => !sp.lines.has(r) || (sp.lines.get(r) && sp.lines.get(r) !== 'amount')),
      );
    return colExact || rowExact;
  };
  const fixedRows = (row) => (typeof row === 'string' ? [row] : row && Array.isArray(row.keys) ? row.keys : null);
  if (!Array.isArray(rule.cols) && rule.cols !== undefined) return true; // every amount column
  const walked = Array.isArray(rule.cols) ? rule.cols : [undefined];
  for (const wc of walked) {
    if (!('constant' in rule.total) && !exact(rule.kind, rule.total.col || wc, fixedRows(rule.total.row))) return true;
    for (const p of rule.parts) if (!exact(p.table || rule.kind, p.col || wc, fixedRows(p.row))) return true;
  }
  return false;
}

/** The severities a check declares by the classification and level of its code (`byLevel`). */
const levelSeverities = (r) => Object.values(r.byLevel || {}).flatMap((byLevel) => Object.values(byLevel));

const quoted = (id) => new RegExp(`['"\`]${id.replace(/[.]/g, '\\.')}['"\`]`);

function familyOf(id) {
  return id.split('.')[0];
}

/** The entries of docs/RULES.md, in groups. */
function collect() {
  const data = loadRuleData();
  const sources = tsFiles(CORE).map((f) => ({ file: rel(f), text: fs.readFileSync(f, 'utf8') }));
  const byFile = new Map(sources.map((s) => [s.file, s.text]));
  const sites = scanFindingSites(sources);
  const templates = templatePatterns(sources.filter((s) => s.file.startsWith('src/core/rules/')));
  const outsideRules = sources.filter((s) => !s.file.startsWith('src/core/rules/'));

  // Which rule module exports each rule object (in an exported array or as an exported rule).
  const home = new Map();
  for (const [file, mod] of data.MODULES) {
    for (const v of Object.values(mod)) {
      const list = Array.isArray(v) ? v : v && typeof v === 'object' && 'id' in v ? [v] : [];
      for (const r of list) if (r && typeof r === 'object' && !home.has(r)) home.set(r, file);
    }
  }
  // Files evaluating each rule type: those importing its type that also give findings a severity (the template
  // builder reads the rules too, to write formulas, but judges nothing).
  const evaluators = {};
  for (const [type, name] of Object.entries(EVALUATOR_TYPE)) {
    evaluators[type] = name
      ? outsideRules.filter((s) => new RegExp(`\\b${name}\\b`).test(s.text) && /\bseverity\b/.test(s.text)).map((s) => s.file)
      : [];
  }

  const entries = [];
  const seen = new Set();
  for (const r of data.ALL_RULES) {
    if (seen.has(r.id)) throw new Error(`rule id ${r.id} defined twice`);
    seen.add(r.id);
    const file = home.get(r) || null;
    let pattern = null;
    if (!file || !quoted(r.id).test(byFile.get(file) || '')) {
      const fits = templates.filter((t) => t.re.test(r.id));
      fits.sort((a, b) => (a.file === file ? 0 : 1) - (b.file === file ? 0 : 1) || b.weight - a.weight);
      if (fits[0]) pattern = { file: fits[0].file, fn: fits[0].fn, text: fits[0].text };
    }
    const site = sites.get(r.id);
    let severities;
    let checkedIn;
    if (IDENTITY_SEVERITIES[r.type]) {
      severities = IDENTITY_SEVERITIES[r.type](r, data.SPECS);
      checkedIn = [];
    } else {
      severities = [r.severity, ...levelSeverities(r), ...(site ? site.severities : [])];
      checkedIn = site
        ? [...site.files]
        : r.type === 'consistent'
          ? evaluators.consistent
          : outsideRules.filter((s) => quoted(r.id).test(s.text)).map((s) => s.file);
    }
    const between = r.type === 'sum' && r.parts.some((p) => p.table && p.table !== r.kind);
    entries.push({
      id: r.id,
      type: r.type,
      kind: r.kind,
      group: r.type === 'check' || r.type === 'consistent' ? `family:${familyOf(r.id)}` : between ? 'between' : `kind:${r.kind}`,
      severities: SEVERITIES.filter((s) => severities.includes(s)),
      description: r.description,
      definedIn: file,
      pattern,
      checkedIn: checkedIn.sort(),
      coded: false,
    });
  }
  // Ids a finding is made with in code but that no rule lists.
  for (const [id, site] of [...sites].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (seen.has(id)) continue;
    entries.push({
      id,
      type: 'check',
      kind: '*',
      group: `family:${familyOf(id)}`,
      severities: SEVERITIES.filter((s) => site.severities.has(s)),
      description: null,
      definedIn: null,
      pattern: null,
      checkedIn: [...site.files].sort(),
      coded: true,
    });
  }
  return { entries, kindTitles: data.KIND_TITLES, severityLabels: data.SEVERITY_LABELS, evaluators };
}

const cell = (s) =>
  String(s)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|');

function render(model = collect()) {
  const { entries, kindTitles, severityLabels, evaluators } = model;
  const lines = [];
  const code = (s) => `\`${s}\``;
  const where = (e) => {
    const parts = [];
    if (e.definedIn) parts.push(code(e.definedIn));
    if (e.pattern)
      parts.push(`id from ${code(e.pattern.text)} in ${code(e.pattern.file)}${e.pattern.fn ? ` ${code(`${e.pattern.fn}()`)}` : ''}`);
    if (e.checkedIn.length > 0) parts.push(`found by ${e.checkedIn.map(code).join(', ')}`);
    if (e.coded) parts.push('**not listed in src/core/rules**');
    return parts.join('; ');
  };
  const table = (list, withKind) => {
    lines.push(
      withKind ? '| id | table of the total | severity | what it checks | defined in |' : '| id | severity | what it checks | defined in |',
    );
    lines.push(withKind ? '|---|---|---|---|---|' : '|---|---|---|---|');
    for (const e of list) {
      const row = [code(e.id)];
      if (withKind) row.push(kindTitles[e.kind] ? `${kindTitles[e.kind]} (${code(e.kind)})` : code(e.kind));
      row.push(e.severities.join(', '), cell(e.description || '—'), where(e));
      lines.push(`| ${row.join(' | ')} |`);
    }
    lines.push('');
  };
  const evaluated = (type) => (evaluators[type].length > 0 ? evaluators[type].map(code).join(', ') : '(no evaluator found)');

  lines.push('# Rule ids (审核规则一览)');
  lines.push('');
  lines.push(
    '<!-- Generated by `npm run rules-doc` (scripts/rules-doc.js) from src/core/rules and the validator in src/core. Do not edit by hand: test/rules-doc.test.ts fails when this file is not current. -->',
  );
  lines.push('');
  lines.push(
    `Every rule id a finding (\`Finding.rule\`) can carry: ${entries.length} ids. Severities: ${SEVERITIES.map((s) => `\`${s}\` ${severityLabels[s]}`).join(', ')}.`,
  );
  lines.push('');
  lines.push(
    `- **Identities** (within a table, between tables) are data in \`src/core/rules/\`, turned into concrete sums by the generic evaluator. ` +
      `A broken sum has the severity listed first (the rule's own, default \`error\`), or \`rounding\` when the difference is within the rounding bound of the 万元 amounts involved (docs/DOMAIN.md §5.3): 元 amounts, counts and scores never round, so a rule on counts or scores only (as the specs print them) lists no \`rounding\`. ` +
      `Sum rules: ${evaluated('sum')}; ratio rules (执行率): ${evaluated('ratio')}; grade rules: ${evaluated('grade')}.`,
  );
  lines.push(
    `- **Checks** that are not sums are listed in \`src/core/rules/\` and made in code, which takes their severity from the rule: the rule's own, and where it depends on the code's classification and level (类 vs 款/项) those its \`byLevel\` declares. ` +
      `Consistency rules (编制单位, 年度): ${evaluated('consistent')}.`,
  );
  lines.push('- How the rules read and why they are as they are: `src/core/rules/README.md`; the row and column keys: `docs/KEYS.md`.');
  lines.push('');

  const kinds = Object.keys(kindTitles);
  const within = entries.filter((e) => e.group.startsWith('kind:'));
  const kindOrder = [...kinds, ...new Set(within.map((e) => e.kind).filter((k) => !kinds.includes(k)))];
  lines.push('## Within a table, by kind of table');
  lines.push('');
  for (const k of kindOrder) {
    const list = within.filter((e) => e.kind === k);
    if (list.length === 0) continue;
    lines.push(`### ${kindTitles[k] || k} (\`${k}\`)`);
    lines.push('');
    table(list, false);
  }
  const between = entries.filter((e) => e.group === 'between');
  if (between.length > 0) {
    lines.push('## Between tables');
    lines.push('');
    table(between, true);
  }
  lines.push('## Checks, by family');
  lines.push('');
  const fams = [...new Set(entries.filter((e) => e.group.startsWith('family:')).map((e) => e.group.slice(7)))];
  fams.sort((a, b) => {
    const ka = Object.keys(FAMILIES).indexOf(a);
    const kb = Object.keys(FAMILIES).indexOf(b);
    return (ka < 0 ? 99 : ka) - (kb < 0 ? 99 : kb) || (a < b ? -1 : a > b ? 1 : 0);
  });
  for (const f of fams) {
    lines.push(`### ${FAMILIES[f] || f} (\`${f}.*\`)`);
    lines.push('');
    table(
      entries.filter((e) => e.group === `family:${f}`),
      false,
    );
  }
  return lines.join('\n');
}

/** id → severities, as docs/RULES.md lists them (the first column of every table row, the severity column). */
function parseRulesDoc(text) {
  const out = new Map();
  let sevCol = null;
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) continue;
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    if (cells[0] === 'id') {
      sevCol = cells.indexOf('severity');
      continue;
    }
    const m = /^`([^`]+)`$/.exec(cells[0]);
    if (!m || sevCol === null) continue;
    out.set(
      m[1],
      cells[sevCol]
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  }
  return out;
}

module.exports = { collect, render, parseRulesDoc, scanFindingSites, RULES_MD: OUT };

if (require.main === module) {
  const text = render();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : null;
    if (current !== text) {
      console.error(`${rel(OUT)} is not current: run \`npm run rules-doc\``);
      process.exit(1);
    }
    console.log(`${rel(OUT)} is current`);
  } else {
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, text);
    console.log(`wrote ${rel(OUT)} (${parseRulesDoc(text).size} rule ids)`);
  }
}
