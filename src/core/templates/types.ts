/**
 * A standard table as a new sheet: what the template builder produces and the adapters write. Pure data: cells
 * (text always as text, numbers, formulas with their cached result), merges, looks, widths, print setup.
 */
import type { RangeBox } from '../snapshot';
import type { TableKind } from '../model';

export type TemplateSetId = 'jiangxi' | 'yunnan' | 'shanghai';
export type TemplateUnit = '元' | '万元';

/** The looks a template cell can have; each is described once in `looks.ts`. */
export type LookName =
  | 'title'
  | 'label'
  | 'metaLeft'
  | 'metaCenter'
  | 'metaRight'
  | 'header'
  | 'text'
  | 'textBold'
  | 'code'
  | 'seq'
  | 'amount'
  | 'amountTotal'
  | 'count'
  | 'score'
  | 'percent'
  | 'grade'
  | 'note';

export interface CellLook {
  bold?: boolean;
  /** Font size in points; default 10. */
  size?: number;
  horizontal?: 'left' | 'center' | 'right';
  wrap?: boolean;
  /** Thin border on all four sides. */
  border?: boolean;
  /** Number format code; default General. `@` makes the cell text. */
  numFmt?: string;
}

export interface TemplateCell {
  row: number;
  col: number;
  /** Text (written as text, never as a formula), a number, or null for an empty cell that only carries its look. */
  value: string | number | null;
  /** Formula without `=`; `value` is then its cached result. */
  formula?: string;
  look: LookName;
}

export interface PrintSetup {
  landscape: boolean;
  /** Fit to one page wide (any number of pages tall). */
  fitWidth: boolean;
  /** Rows repeated at the top of every printed page (0-based, inclusive). */
  titleRows: { from: number; to: number };
}

export interface TemplateSheet {
  /** Sheet name, unique in the workbook it was built for. */
  name: string;
  kind: TableKind;
  specId: string;
  title: string;
  cells: TemplateCell[];
  merges: RangeBox[];
  /** Column widths in characters, from column A. */
  widths: number[];
  /** Row heights in points (0-based row → height), where not the default. */
  heights: Record<number, number>;
  print: PrintSetup;
}

export interface TemplateOptions {
  set: TemplateSetId;
  /** Table numbers (`01`, `5`) or kinds (`expense`, `perf_project`); default: the whole set. */
  tables?: string[];
  year: number;
  unit: TemplateUnit;
  org: string;
  /** Sheet names already in the workbook: new sheets get other names. */
  existingSheets?: string[];
  /**
   * Coded rows to print in the code tables (收入/支出/财政拨款 tables), by table kind; a 类 or 款 row's amounts
   * become sums of the rows under it. Without them the code tables have blank rows to fill.
   */
  codeLines?: Partial<Record<TableKind, CodeLine[]>>;
  /**
   * Blank rows left in a code table for the user's 类/款/项 rows; default 1 (two empty rows end a table for the
   * recogniser: more rows are inserted inside the table, where the formulas' ranges grow with them).
   */
  blankRows?: number;
}

export interface CodeLine {
  code: string;
  name: string;
}
