/**
 * What the identity rules read, per table kind: which column keys (any, for rules walking every amount
 * column) and, for each rule that needs another table, that table. Derived once from src/core/rules, so that
 * coverage can say why an amount took part in no identity.
 */
import type { TableKind } from '../model';
import { IDENTITY_RULES } from '../rules';
import type { IdentityRule, Operand } from '../rules/types';

/** Column keys a rule reads in one table kind; `all`: every amount column. */
export type ColumnsRead = Set<string> | 'all';

/** A rule that reads a kind's columns only together with another table. */
export interface Dependence {
  cols: ColumnsRead;
  other: TableKind;
}

export interface KindReads {
  cols: ColumnsRead;
  needs: Dependence[];
}

function add(to: ColumnsRead, cols: ColumnsRead): ColumnsRead {
  if (to === 'all' || cols === 'all') return 'all';
  for (const c of cols) to.add(c);
  return to;
}

/** The columns an operand reads: its own column, else the rule's walked columns. */
function operandCols(op: Pick<Operand, 'col'>, walked: ColumnsRead): ColumnsRead {
  return op.col ? new Set([op.col]) : walked;
}

/** Every operand of a rule with the table kind it reads (the rule's own for the total and plain parts). */
function operands(rule: IdentityRule): { kind: TableKind; cols: ColumnsRead; optional: boolean }[] {
  if (rule.type === 'sum') {
    const walked: ColumnsRead = rule.cols === 'amount' ? 'all' : new Set(rule.cols ?? []);
    const total = 'constant' in rule.total ? [] : [{ kind: rule.kind, cols: operandCols(rule.total, walked), optional: false }];
    const parts = rule.parts.map((op) => ({
      kind: op.table ?? rule.kind,
      cols: operandCols(op, walked),
      optional: !!op.optional,
    }));
    return [...total, ...parts];
  }
  if (rule.type === 'ratio')
    return [rule.result, rule.numerator, rule.denominator].map((op) => ({
      kind: op.table ?? rule.kind,
      cols: operandCols(op, new Set()),
      optional: false,
    }));
  return [{ kind: rule.score.table ?? rule.kind, cols: operandCols(rule.score, new Set()), optional: false }];
}

let cache: Map<TableKind, KindReads> | null = null;

/** What the rules read of each table kind. */
export function readsByKind(): Map<TableKind, KindReads> {
  if (cache) return cache;
  const out = new Map<TableKind, KindReads>();
  const of = (k: TableKind): KindReads => {
    let r = out.get(k);
    if (!r) out.set(k, (r = { cols: new Set(), needs: [] }));
    return r;
  };
  for (const rule of IDENTITY_RULES) {
    const ops = operands(rule);
    const kinds = new Set(ops.map((o) => o.kind));
    for (const o of ops) {
      const reads = of(o.kind);
      reads.cols = add(reads.cols, o.cols);
      // the rule runs only when every other table it needs is present (optional ones count as zero)
      for (const other of ops) if (other.kind !== o.kind && !other.optional) reads.needs.push({ cols: o.cols, other: other.kind });
    }
    // a rule whose total is in another table needs that table too
    if (!kinds.has(rule.kind)) for (const o of ops) of(o.kind).needs.push({ cols: o.cols, other: rule.kind });
  }
  cache = out;
  return out;
}

export function reads(cols: ColumnsRead, key: string): boolean {
  return cols === 'all' || cols.has(key);
}
