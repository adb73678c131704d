/**
 * The generic evaluator: turns the declarative identity rules (src/core/rules/) into concrete identities
 * between cells of the recognised tables and judges each one with exact decimals.
 *
 * Rounding (docs/DOMAIN.md §5.3): every printed 万元 amount stands for [v − 0.005, v + 0.005]; an identity is
 * consistent up to rounding when |total − Σ parts| ≤ 0.005 × (number of printed terms, total included).
 * Empty cells, missing rows and `—` count as exact zeros (nothing was rounded), so a total of 26 mostly
 * empty 类 lines is not given a wide bound. 元 amounts, counts and scores are exact: any difference is real.
 *
 * Cost: linear in the cells taking part. Each table's rows are indexed once (by key, level, parent code);
 * an identity's cells and terms are spelt out only when asked for; identical identities reached by two
 * rules are told apart by their total first. (3 × 3,000 项 rows: about 13,000 identities, ~100 ms.)
 *
 * Its parts (src/core/validate/identity/): selection (`select.ts`: indexes, rows, terms), judging (`sum.ts`,
 * `seen.ts`, `values.ts`, `ratio.ts`, `grade.ts`) and messages (`messages.ts`). This file keeps the public types.
 */
import type { Decimal } from '../amount';
import type { CellAmount, ColumnKind, Finding, Recognition, RecognisedTable, Severity, TableRow } from '../model';
import { IDENTITY_RULES } from '../rules';
import { buildCtx } from './identity/select';
import { Seen } from './identity/seen';
import { evaluateSum } from './identity/sum';
import { evaluateRatio } from './identity/ratio';
import { evaluateGrade } from './identity/grade';

/** One cell (or missing line) taking part in an identity. */
export interface Term {
  table: RecognisedTable;
  /** Null when the row is not printed in the table: counts as zero. */
  row: TableRow | null;
  rowKey: string;
  colKey: string;
  cell: CellAmount | null;
  sign: 1 | -1;
  kind: ColumnKind;
  /** One of many rows a selector expanded to (all 类, children): listed in findings only when printed. */
  multi?: boolean;
  /** One of every row at a level (all 类 lines of a 总表): its empty cell is never listed. */
  levelWide?: boolean;
}

/**
 * One term of a sum identity as callers see it (total first): its table, its address (null when the line is not
 * printed), its sign among the parts (the total's is +1: total = Σ sign·part), the cell and its column kind.
 */
export interface SumTerm {
  table: RecognisedTable;
  address: string | null;
  sign: 1 | -1;
  cell: CellAmount | null;
  kind: ColumnKind;
}

/** The outcome of one concrete identity: which cells it touched and what, if anything, is wrong. */
export interface IdentityOutcome {
  ruleId: string;
  relation: 'eq' | 'le' | 'ratio' | 'grade';
  /** Severity the rule gives when broken beyond rounding (`error` unless the rule says otherwise). */
  severity: Severity;
  /** The total's table. */
  table: RecognisedTable;
  /**
   * Every printed cell taking part (empty ones included), total first: sheet-qualified A1 addresses.
   * Sum identities work `cells`, `coords` and `sum.terms` out on first read (getters, not own fields).
   */
  cells: string[];
  /** The same cells as coordinates, for callers that change them (the mutation test). */
  coords: { sheet: string; row: number; col: number; empty: boolean; kind: ColumnKind }[];
  finding: Finding | null;
  /**
   * Sum identities: the total and Σ parts in the total's unit, the number of printed terms and each term's
   * table and cell (total first), for judging findings together (a table in the wrong unit, units.ts).
   */
  sum?: {
    total: Decimal;
    parts: Decimal;
    printed: number;
    terms: SumTerm[];
    /** Each term's table and cell (total first), as `terms` lists them, without spelling the terms out. */
    eachTerm?(visit: (table: RecognisedTable, cell: CellAmount | null) => void): void;
  };
}

export interface EvaluateOptions {
  /** Rule ids to leave out. */
  exclude?: readonly string[];
}

/** Every concrete identity of the workbook, in rule order then table order, each judged once. */
export function evaluateIdentities(recognition: Recognition, options: EvaluateOptions = {}): IdentityOutcome[] {
  const ctx = buildCtx(recognition);
  const out: IdentityOutcome[] = [];
  const seen = { eq: new Seen(), le: new Seen() };
  const skip = new Set(options.exclude ?? []);
  for (const rule of IDENTITY_RULES) {
    if (skip.has(rule.id)) continue;
    for (const table of ctx.byKind.get(rule.kind) ?? []) {
      if (rule.type === 'sum') evaluateSum(ctx, rule, table, out, seen);
      else if (rule.type === 'ratio') evaluateRatio(ctx, rule, table, out);
      else evaluateGrade(ctx, rule, table, out);
    }
  }
  return out;
}
