/**
 * A sheet being laid out: cells with their looks, merges, widths, and the logical table (rows and columns by
 * key, as docs/KEYS.md names them) that the formulas are derived on. Grids of text use the seeds' merge markers:
 * `<` covered by the cell to the left, `^` covered by the cell above.
 */
import type { ColumnKind, RowLevel, TableKind } from '../model';
import type { RangeBox } from '../snapshot';
import type { LookName, TemplateCell } from './types';

export const LEFT = '<';
export const UP = '^';

/** `n` copies of `v` (merge markers, header cells). */
export function repeat<T>(v: T, n: number): T[] {
  return Array.from({ length: Math.max(0, n) }, () => v);
}

/** A logical row: a line of the table, where its values sit. */
export interface LRow {
  key: string;
  level: RowLevel;
  block?: string;
  row: number;
  /** Column of a value by column key, where not the table's own column (blocks and horizontal layouts). */
  colOf?: Record<string, number>;
  /** Columns this row prints `—` in (not applicable: never a part, never an input). */
  na?: string[];
  /** Columns left blank on purpose (neither input nor formula). */
  blank?: string[];
  valueKind?: ColumnKind;
}

export interface LCol {
  key: string;
  col: number;
  block?: string;
  kind: ColumnKind;
}

/** Rows of a code table the user writes codes into: SUMIF ranges run over them. */
export interface CodeBody {
  codeCol: number;
  valueCols: number[];
  top: number;
  bottom: number;
}

export interface TableMap {
  kind: TableKind;
  rows: LRow[];
  cols: LCol[];
  bodies: CodeBody[];
}

export class Draft {
  readonly cells = new Map<number, TemplateCell>();
  readonly merges: RangeBox[] = [];
  readonly heights: Record<number, number> = {};
  readonly map: TableMap;

  constructor(
    kind: TableKind,
    readonly widths: number[],
  ) {
    this.map = { kind, rows: [], cols: [], bodies: [] };
  }

  get width(): number {
    return this.widths.length;
  }

  private static key(row: number, col: number): number {
    return row * 1024 + col;
  }

  put(row: number, col: number, value: string | number | null, look: LookName): TemplateCell {
    const cell: TemplateCell = { row, col, value, look };
    this.cells.set(Draft.key(row, col), cell);
    return cell;
  }

  at(row: number, col: number): TemplateCell | undefined {
    return this.cells.get(Draft.key(row, col));
  }

  /** A merged area holding `value`, every covered cell carrying the look (so borders show all round). */
  merge(top: number, left: number, bottom: number, right: number, value: string | number | null, look: LookName): void {
    for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) this.put(r, c, r === top && c === left ? value : null, look);
    if (bottom > top || right > left) this.merges.push({ top, left, bottom, right });
  }

  /** A grid of text with merge markers, from `top`, `left`; every cell in `look`. Returns the next free row. */
  grid(top: number, rows: string[][], look: LookName, left = 0): number {
    rows.forEach((cells, r) => {
      cells.forEach((v, c) => {
        if (v === LEFT || v === UP) return;
        let right = c;
        while (right + 1 < cells.length && cells[right + 1] === LEFT) right++;
        let bottom = r;
        while (bottom + 1 < rows.length && rows[bottom + 1][c] === UP) bottom++;
        this.merge(top + r, left + c, top + bottom, left + right, v === '' ? null : v, look);
      });
    });
    return top + rows.length;
  }

  row(r: LRow): LRow {
    this.map.rows.push(r);
    return r;
  }

  col(c: LCol): void {
    this.map.cols.push(c);
  }

  cellsInOrder(): TemplateCell[] {
    return [...this.cells.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  }
}
