/**
 * Formulas from the validator's identities (src/core/rules, plus `closing.ts`): every `total = Σ parts` rule is
 * expanded over the laid-out tables exactly as the evaluator expands it over recognised ones, and the total cell,
 * where nothing defines it yet, gets the parts as its formula. A cell is defined once (the first rule wins) and no
 * definition may make a cycle. Rows of a code table are reached through SUMIF over its code column, so 类/款/项
 * rows the user adds later are counted. Ratios (执行率) and the grade (评价等级) come from their rules too.
 */
import { IDENTITY_RULES, type GradeRule, type Operand, type RatioRule, type RowSelector, type SumRule } from '../rules';
import type { TableKind } from '../model';
import { CLOSING_RULES } from './closing';
import type { CodeBody, LRow, TableMap } from './draft';

/** A cell of one of the tables being built: table index, sheet row, sheet column. */
export interface CellAt {
  t: number;
  row: number;
  col: number;
}

export type Term =
  | { sign: 1 | -1; cell: CellAt }
  | { sign: 1 | -1; range: { t: number; top: number; bottom: number; col: number } }
  /** SUMIF over the code column of rows top … bottom (a 类's or 款's children: the rows below it only, so never itself). */
  | { sign: 1 | -1; sumif: { t: number; codeCol: number; top: number; bottom: number; pattern: string; col: number } };

export type Definition =
  | { type: 'sum'; terms: Term[]; rule: string }
  | { type: 'ratio'; numerator: CellAt; denominator: CellAt; rule: string }
  | { type: 'grade'; score: CellAt; bands: GradeRule['bands']; rule: string };

export const cellId = (c: CellAt): string => `${c.t}:${c.row}:${c.col}`;

type Resolved = CellAt | 'na' | 'blank' | null;

export class FormulaPlan {
  readonly defs = new Map<string, Definition>();

  constructor(private readonly tables: TableMap[]) {}

  private tableOf(kind: TableKind): number {
    return this.tables.findIndex((m) => m.kind === kind);
  }

  /** Where a row's value of column `key` sits: a cell, `na` (printed `—`), `blank` (left empty on purpose) or null (no such column). */
  cellOf(t: number, row: LRow, key: string): Resolved {
    if (row.na?.includes(key)) return 'na';
    if (row.blank?.includes(key)) return 'blank';
    const col = row.colOf?.[key] ?? this.tables[t].cols.find((c) => c.key === key && (c.block === undefined || c.block === row.block))?.col;
    return col === undefined ? null : { t, row: row.row, col };
  }

  private inBody(t: number, row: LRow): CodeBody | undefined {
    return this.tables[t].bodies.find((b) => row.row >= b.top && row.row <= b.bottom && this.isCodeBody(t));
  }

  /** Bodies of code tables (SUMIF over codes), not the indicator rows of a 绩效自评表. */
  private isCodeBody(t: number): boolean {
    return !this.tables[t].kind.startsWith('perf_');
  }

  /** Terms for the rows `sel` picks in table `t`, column `key`, relative to the current row. */
  private termsOf(t: number, sel: RowSelector, key: string, current: LRow | null, sign: 1 | -1): Term[] | null {
    const map = this.tables[t];
    const body = this.isCodeBody(t) ? map.bodies[0] : undefined;
    const sumif = (pattern: string, from?: number): Term[] => {
      const col = this.tables[t].cols.find((c) => c.key === key)?.col;
      if (!body || col === undefined) return [];
      return [{ sign, sumif: { t, codeCol: body.codeCol, top: from ?? body.top, bottom: body.bottom, pattern, col } }];
    };
    const byKey = (k: string): Term[] => {
      const row = map.rows.find((r) => r.key === k && !(body && this.inBody(t, r)));
      if (row) {
        const c = this.cellOf(t, row, key);
        return c && typeof c === 'object' ? [{ sign, cell: c }] : [];
      }
      return /^\d+$/.test(k) ? sumif(k) : [];
    };
    if (typeof sel === 'string') return byKey(sel);
    if ('same' in sel) return current ? byKey(current.key) : null;
    if ('keys' in sel) return sel.keys.flatMap(byKey);
    if ('level' in sel) {
      if (body) return sumif('?'.repeat(sel.level === 'class' ? 3 : sel.level === 'section' ? 5 : 7));
      return this.cells(
        t,
        map.rows.filter((r) => r.level === sel.level && (sel.block === undefined || r.block === sel.block)),
        key,
        sign,
      );
    }
    if ('children' in sel) {
      if (!current || !/^\d+$/.test(current.key)) return null;
      if (body) return sumif(`${current.key}??`, current.row + 1);
      const code = current.key;
      return this.cells(
        t,
        map.rows.filter((r) => r.key.length === code.length + 2 && r.key.startsWith(code)),
        key,
        sign,
      );
    }
    if ('keyPrefix' in sel) {
      const repeat = this.isCodeBody(t) ? undefined : map.bodies[0];
      const col = repeat ? map.rows.find((r) => r.key === 'score_total')?.colOf?.[key] : undefined;
      if (repeat && col !== undefined && sel.keyPrefix === 'indicator.')
        return [{ sign, range: { t, top: repeat.top, bottom: repeat.bottom, col } }];
      return this.cells(
        t,
        map.rows.filter((r) => r.key.startsWith(sel.keyPrefix)),
        key,
        sign,
      );
    }
    return null;
  }

  private cells(t: number, rows: LRow[], key: string, sign: 1 | -1): Term[] {
    const out: Term[] = [];
    for (const r of rows) {
      const c = this.cellOf(t, r, key);
      if (c && typeof c === 'object') out.push({ sign, cell: c });
    }
    return out;
  }

  /** Expands and applies every rule: closing identities first, then the validator's, in their order. */
  deriveAll(): void {
    for (const rule of [...CLOSING_RULES, ...IDENTITY_RULES]) {
      if (rule.type === 'sum') this.applySum(rule);
      else if (rule.type === 'ratio') this.applyRatio(rule);
      else this.applyGrade(rule);
    }
  }

  private scopeRows(t: number, rule: SumRule | RatioRule): (LRow | null)[] {
    const s = rule.rows;
    if (!s) return [null];
    return this.tables[t].rows.filter(
      (r) =>
        (!s.blocks || (r.block !== undefined && s.blocks.includes(r.block))) &&
        (!s.levels || s.levels.includes(r.level)) &&
        (!s.keys || s.keys.includes(r.key)) &&
        (!s.keyPrefix || r.key.startsWith(s.keyPrefix)),
    );
  }

  private applySum(rule: SumRule): void {
    if (rule.relation === 'le') return;
    const t = this.tableOf(rule.kind);
    if (t < 0) return;
    // `Σ parts = 100` (分值): the current cell (总分's 分值) shows Σ parts, and the rule then checks it is 100.
    const totalSpec: Pick<Operand, 'row' | 'col'> = 'constant' in rule.total ? {} : rule.total;
    if ('constant' in rule.total && rule.parts.every((p) => p.row === undefined)) return;
    for (const current of this.scopeRows(t, rule)) {
      const totalRow = typeof totalSpec.row === 'string' ? this.tables[t].rows.find((r) => r.key === totalSpec.row) : current;
      if (!totalRow) continue;
      const cols =
        rule.cols === 'amount' || rule.cols === undefined
          ? this.tables[t].cols
              .filter((c) => c.kind === 'amount' && (c.block === undefined || c.block === totalRow.block))
              .map((c) => c.key)
          : rule.cols;
      for (const colKey of cols) {
        const total = this.cellOf(t, totalRow, totalSpec.col ?? colKey);
        if (!total || typeof total !== 'object' || this.defs.has(cellId(total))) continue;
        const terms = this.partsOf(t, rule.parts, colKey, current);
        if (terms === null || terms.length === 0) continue;
        if (terms.some((x) => this.reaches(x, cellId(total)))) continue;
        this.defs.set(cellId(total), { type: 'sum', terms, rule: rule.id });
      }
    }
  }

  private partsOf(t: number, parts: Operand[], colKey: string, current: LRow | null): Term[] | null {
    const out: Term[] = [];
    for (const op of parts) {
      const target = op.table ? this.tableOf(op.table) : t;
      if (target < 0) {
        if (op.optional) continue;
        return null;
      }
      const terms = this.termsOf(target, op.row ?? { same: true }, op.col ?? colKey, current, op.sign ?? 1);
      if (terms === null) return null;
      out.push(...terms);
    }
    return out;
  }

  private applyRatio(rule: RatioRule): void {
    const t = this.tableOf(rule.kind);
    if (t < 0) return;
    for (const row of this.scopeRows(t, rule)) {
      if (!row) continue;
      const at = (op: Operand) => this.cellOf(t, row, op.col ?? '');
      const [result, numerator, denominator] = [at(rule.result), at(rule.numerator), at(rule.denominator)];
      if (!isCell(result) || !isCell(numerator) || !isCell(denominator) || this.defs.has(cellId(result))) continue;
      this.defs.set(cellId(result), { type: 'ratio', numerator, denominator, rule: rule.id });
    }
  }

  private applyGrade(rule: GradeRule): void {
    const t = this.tableOf(rule.kind);
    if (t < 0) return;
    const row = this.tables[t].rows.find((r) => r.key === rule.score.row);
    if (!row) return;
    const score = this.cellOf(t, row, rule.score.col ?? 'score');
    const grade = this.cellOf(t, row, 'grade');
    if (!isCell(score) || !isCell(grade)) return;
    this.defs.set(cellId(grade), { type: 'grade', score, bands: rule.bands, rule: rule.id });
  }

  /** Cells a term reads (a SUMIF or range: every cell of its value column). */
  static cellsRead(term: Term): CellAt[] {
    if ('cell' in term) return [term.cell];
    const { t, col, top, bottom } = 'range' in term ? term.range : term.sumif;
    return Array.from({ length: bottom - top + 1 }, (_, i) => ({ t, row: top + i, col }));
  }

  /** Whether reading `term` reaches cell `target` through the definitions made so far. */
  private reaches(term: Term, target: string): boolean {
    const seen = new Set<string>();
    const stack = FormulaPlan.cellsRead(term);
    while (stack.length > 0) {
      const c = stack.pop()!;
      const id = cellId(c);
      if (id === target) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      const def = this.defs.get(id);
      if (def) stack.push(...readsOf(def));
    }
    return false;
  }
}

export function readsOf(def: Definition): CellAt[] {
  if (def.type === 'sum') return def.terms.flatMap((x) => FormulaPlan.cellsRead(x));
  if (def.type === 'ratio') return [def.numerator, def.denominator];
  return [def.score];
}

function isCell(x: Resolved): x is CellAt {
  return x !== null && typeof x === 'object';
}
