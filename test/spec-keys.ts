/**
 * What the specs declare (row keys, column keys, blocks, per table kind) and what the rules name: `undeclared`
 * lists every key a rule names that no spec of its table kind declares (test/rules-drift.test.ts).
 */
import type { TableKind } from '../src/core/model';
import type { IdentityRule, Operand, RowSelector } from '../src/core/rules';
import type { TableSpec } from '../src/core/specs';

interface Declared {
  rows: Set<string>;
  /**
   * Prefixes of numbered rows: a form's repeated rows (`indicator.` → `indicator.1`, `indicator.2` …) and the
   * rows of a grid that match no code and no line (`row` → `row12`, `row12.2`: the recogniser's own keys).
   */
  rowPrefixes: Set<string>;
  cols: Set<string>;
  blocks: Set<string>;
  /** Rows keyed by their classification code (`208`, `30217`). */
  coded: boolean;
}

/** The keys one spec declares, whatever its layout. */
function declaredBy(spec: TableSpec, d: Declared): void {
  const lines = [...(spec.lines ?? []), ...(spec.blocks ?? []).flatMap((b) => b.lines)];
  for (const s of spec.sections ?? []) lines.push(...(s.lines ?? []), ...(s.endLines ?? []));
  for (const l of lines) {
    d.rows.add(l.key);
    if (l.block) d.blocks.add(l.block);
  }
  const cols = [
    ...(spec.columns ?? []),
    ...(spec.blocks ?? []).flatMap((b) => b.columns),
    ...(spec.sections ?? []).flatMap((s) => s.columns),
  ];
  for (const c of cols) d.cols.add(c.key);
  for (const s of spec.sections ?? []) {
    d.blocks.add(s.block);
    if (s.keyPrefix) d.rowPrefixes.add(`${s.keyPrefix}.`);
    for (const v of s.endValues ?? []) d.cols.add(v.key);
  }
  for (const b of spec.blocks ?? []) d.blocks.add(b.block);
  if (spec.triple) {
    // the blocks layout gives every triple's amount the column key `amount` (src/core/recognise)
    d.cols.add('amount');
    d.blocks.add(spec.triple.otherBlock);
    for (const b of spec.triple.blockHeaders) d.blocks.add(b.block);
    for (const b of Object.values(spec.triple.blockByClass)) d.blocks.add(b);
  }
  if (spec.codes || spec.triple) d.coded = true;
  if (spec.layout === 'rows' || spec.layout === 'side-by-side' || spec.layout === 'blocks') d.rowPrefixes.add('row');
}

/** `indicator.3` under the prefix `indicator.`, `row12.2` under `row`. */
const numbered = (key: string, prefix: string) => key.startsWith(prefix) && /^\d+(\.\d+)?$/.test(key.slice(prefix.length));

function declaredKeys(specs: readonly TableSpec[]): Map<TableKind, Declared> {
  const out = new Map<TableKind, Declared>();
  for (const spec of specs) {
    let d = out.get(spec.kind);
    if (!d) out.set(spec.kind, (d = { rows: new Set(), rowPrefixes: new Set(), cols: new Set(), blocks: new Set(), coded: false }));
    declaredBy(spec, d);
  }
  return out;
}

// ---------- what the rules name ----------

interface Named {
  rule: string;
  kind: TableKind;
  what: 'row' | 'row prefix' | 'column' | 'block' | 'table';
  key: string;
}

/** Every key a rule names, with the table kind it must be declared in. */
function namedBy(rule: IdentityRule): Named[] {
  const out: Named[] = [];
  const add = (kind: TableKind, what: Named['what'], key: string) => out.push({ rule: rule.id, kind, what, key });
  const rowSel = (kind: TableKind, sel: RowSelector | undefined) => {
    if (sel === undefined) return;
    if (typeof sel === 'string') return add(kind, 'row', sel);
    if ('keys' in sel) for (const k of sel.keys) add(kind, 'row', k);
    if ('keyPrefix' in sel) add(kind, 'row prefix', sel.keyPrefix);
    if ('block' in sel && sel.block) add(kind, 'block', sel.block);
  };
  const operand = (op: Operand | { constant: string }) => {
    if ('constant' in op) return;
    const kind = op.table ?? rule.kind;
    if (op.table) add(op.table, 'table', op.table);
    rowSel(kind, op.row);
    if (op.col) add(kind, 'column', op.col);
  };
  const scope = rule.type === 'grade' ? undefined : rule.rows;
  for (const k of scope?.keys ?? []) add(rule.kind, 'row', k);
  if (scope?.keyPrefix) add(rule.kind, 'row prefix', scope.keyPrefix);
  for (const b of scope?.blocks ?? []) add(rule.kind, 'block', b);
  if (scope?.unionWith) add(scope.unionWith, 'table', scope.unionWith);
  if (rule.type === 'sum') {
    // walked columns are looked up in the rule's own table and, where a part has no column of its own, in the part's
    const walked = Array.isArray(rule.cols) ? rule.cols : [];
    for (const c of walked) add(rule.kind, 'column', c);
    for (const p of rule.parts) if (p.table && !p.col) for (const c of walked) add(p.table, 'column', c);
    operand(rule.total);
    rule.parts.forEach(operand);
  } else if (rule.type === 'ratio') {
    [rule.result, rule.numerator, rule.denominator].forEach(operand);
  } else operand(rule.score);
  return out;
}

/** The names no spec of their kind declares, as readable lines. */
export function undeclared(rules: readonly IdentityRule[], specs: readonly TableSpec[]): string[] {
  const declared = declaredKeys(specs);
  const out: string[] = [];
  for (const n of rules.flatMap(namedBy)) {
    const d = declared.get(n.kind);
    const ok =
      n.what === 'table'
        ? d !== undefined
        : d !== undefined &&
          (n.what === 'row'
            ? d.rows.has(n.key) || (d.coded && /^\d+$/.test(n.key)) || [...d.rowPrefixes].some((p) => numbered(n.key, p))
            : n.what === 'row prefix'
              ? d.rowPrefixes.has(n.key) || [...d.rows].some((r) => r.startsWith(n.key))
              : n.what === 'column'
                ? d.cols.has(n.key)
                : d.blocks.has(n.key));
    if (!ok) out.push(`${n.rule}: ${n.what} '${n.key}' is declared by no spec of kind ${n.kind}`);
  }
  return [...new Set(out)];
}
