/**
 * What recognition produces and validation, conversion and templates consume.
 * A recognised table is a list of logical rows; each row holds values keyed by column meaning,
 * and every value remembers its cell. Side-by-side layouts (收入 | 支出, the three blocks of 基本支出表)
 * become rows tagged with their block; horizontal layouts (上海 “三公” 表) are turned into the same
 * logical rows as the vertical ones, so rules are written once per kind of table.
 */
import type { Decimal } from './amount';
import type { AmountStatus } from './amount';
import type { RangeBox } from './snapshot';

/** The kinds of standard disclosure table (canonical titles in docs/DOMAIN.md §2.1). */
export type TableKind =
  | 'income_expense_summary' //      收入支出决算总表
  | 'income' //                      收入决算表
  | 'expense' //                     支出决算表
  | 'fiscal_summary' //              财政拨款收入支出决算总表
  | 'gpb_expense' //                 一般公共预算财政拨款支出决算表
  | 'gpb_income_expense' //          一般公共预算财政拨款收入支出决算表 (云南 05)
  | 'gpb_basic' //                   一般公共预算财政拨款基本支出决算表
  | 'gpb_project_economic' //        一般公共预算财政拨款项目支出决算表 (云南 07, 经济分类)
  | 'gov_fund' //                    政府性基金预算财政拨款收入支出决算表
  | 'state_capital' //               国有资本经营预算财政拨款支出决算表 / …收入支出决算表
  | 'three_public' //                财政拨款“三公”经费支出决算表
  | 'three_public_admin' //          “三公”经费、行政参公单位机关运行经费情况表 (云南 10)
  | 'asset_occupancy' //             国有资产占用情况表 (counts)
  | 'asset_usage' //                 国有资产使用情况表 (amounts)
  | 'perf_department' //             部门整体支出绩效自评表
  | 'perf_project'; //               项目支出绩效自评表

export type AmountUnit = '元' | '万元';

/** Level of a row: by function/economic code length, or a structural line. */
export type RowLevel =
  | 'class' //   类 (3 digits)
  | 'section' // 款 (5 digits)
  | 'item' //    项 (7 digits)
  | 'total' //   合计 / 总计 / 本年收入合计 … (the row's key says which)
  | 'line'; //   a named line without a code (收入 lines, “三公” items, asset lines, indicators)

/** What a column holds. Only `amount` columns take part in sums of money. */
export type ColumnKind = 'amount' | 'count' | 'percent' | 'score' | 'text';

export interface ColumnInfo {
  /** Meaning, stable across layouts: `total`, `basic`, `project`, `budget`, `actual`, … */
  key: string;
  /** Header text as printed (joined over header rows). */
  header: string;
  kind: ColumnKind;
  /** Sheet column index (0-based); for horizontal layouts the column of the first value. */
  col: number;
  /** Block for side-by-side layouts (`income` | `expense`, …), when the column belongs to one. */
  block?: string;
}

export interface CellAmount {
  /** Decimal value when status is `number`, else null. */
  value: Decimal | null;
  status: AmountStatus;
  /** Raw text or number as found, for messages. */
  raw: string | number | boolean | null;
  /** True when the number was text in the cell. */
  fromText: boolean;
  /** Sheet cell (0-based). */
  row: number;
  col: number;
}

export interface TableRow {
  /**
   * Row key, unique within (table, block): the code for coded rows (`2101501`),
   * a canonical line key otherwise (`income.total`, `grand_total`, `reception.domestic`).
   */
  key: string;
  /** Block for side-by-side layouts: `income` | `expense` | `personnel` | `public` …; `main` otherwise. */
  block: string;
  level: RowLevel;
  /** Classification code as printed, normalised to digits (split 类|款|项 columns joined), or null. */
  code: string | null;
  /** Code exactly as printed (may be malformed: `20921`, `2O801`), or null. */
  codeText: string | null;
  name: string;
  /** Sheet row (0-based) of the row; the name's column. */
  row: number;
  nameCol: number;
  /** Column of the code cell when the code has its own cell. */
  codeCol?: number;
  /** Values by column key. Horizontal layouts fill these from their columns. */
  values: Record<string, CellAmount>;
  /** Overrides the columns' kind for this row's values (count lines of a “三公” table). */
  valueKind?: ColumnKind;
}

/** A number inside a table that no column of its spec took (its header says nothing the spec knows). */
export interface UnreadCell {
  row: number;
  col: number;
  /** The column's header as printed (joined over header rows), or '' when it has none. */
  header: string;
}

export interface RecognisedTable {
  /** Unique in the workbook: `${sheet}!${anchor}`. */
  id: string;
  kind: TableKind;
  /** The spec (and regional variant) that matched, e.g. `income_expense_summary/national`. */
  specId: string;
  /** Canonical title (docs/DOMAIN.md §2.1, first form). */
  title: string;
  /** The title as printed; for a table recognised by its header (no title found) the text line above it, or null. */
  printedTitle: string | null;
  /** `公开01表` as printed (normalised spacing), or null. */
  label: string | null;
  org: string | null;
  year: number | null;
  /** The cell printing `org` (an `编制单位：…` line, the title, a form's 部门名称/实施单位 value), when found. */
  orgCell?: { row: number; col: number };
  /** The cell printing `year` (a `2022年度` line, the title), when found. */
  yearCell?: { row: number; col: number };
  unit: AmountUnit | null;
  /** Unit text as printed (`金额单位：万元`, `单位：台、辆、套`). */
  unitText: string | null;
  sheet: string;
  /** From the title row to the last row of the table. */
  range: RangeBox;
  /** Title cell. */
  anchor: { row: number; col: number };
  confidence: number;
  /** Why it matched (Chinese, short). */
  reasons: string[];
  columns: ColumnInfo[];
  rows: TableRow[];
  /** Text lines found under the table (注：…, 说明：本部门无…). */
  notes: string[];
  /** Things recognition noticed but could not place, in Chinese (text in a number cell, …). */
  problems: string[];
  /** Numbers in the table's body that no column of its spec took; absent when there are none. */
  unread?: UnreadCell[];
}

export interface UnrecognisedRegion {
  sheet: string;
  range: RangeBox;
  /** Why it is listed (Chinese). */
  reason: string;
}

export interface Recognition {
  tables: RecognisedTable[];
  unrecognised: UnrecognisedRegion[];
  /** Workbook-level notices (protected sheets, truncated sheets, empty workbook), Chinese. */
  notices: string[];
}

// ---------- Validation ----------

export type Severity = 'error' | 'warning' | 'rounding' | 'info';

/**
 * Why an amount cell took part in no identity: the row or the column was not understood (`layout`: a row
 * without a code or a known line name, a code that is not 3/5/7 digits), no rule reads its column (`column`:
 * the column's meaning is unknown — a header the spec does not know, or a column no rule names), or every
 * rule that would read it compares it with a table the set does not hold (`counterpart`). Null: not known.
 */
export type UncheckedReason = 'layout' | 'column' | 'counterpart';

export interface UncheckedCell {
  /** Sheet-qualified A1 address. */
  cell: string;
  reason: UncheckedReason | null;
  /** The reason in words (Chinese), naming the row, the column or the missing table; null when not known. */
  why: string | null;
}

/** How much of a table the identities checked. */
export interface TableCoverage {
  /** `RecognisedTable.id`. */
  table: string;
  /** Concrete identities evaluated with at least one cell (printed or empty) of this table. */
  identities: number;
  /** Printed numbers of its amount columns (unread numbers included). */
  amounts: number;
  /** Its amount cells that took part in no identity, in table order. */
  unchecked: UncheckedCell[];
}

export interface Finding {
  /** Stable rule id, e.g. `summary.income_total`, `hierarchy.column`, `code.malformed`. */
  rule: string;
  severity: Severity;
  /** Chinese: what should equal what, where, by how much, in which unit. */
  message: string;
  /** Sheet-qualified A1 addresses, total first then each part (`公开03表!C12`). */
  cells: string[];
  expected: string | null;
  actual: string | null;
  /** Table id the finding belongs to (the total's table), or null for workbook-level findings. */
  table: string | null;
  /** Rounding tail for `rounding` findings, as a decimal string. */
  tail?: string;
}

import type { TemplateSheet } from './templates/types';

// ---------- Write plans (applied by an adapter in one round trip) ----------

export type WriteOp =
  | { op: 'fill'; sheet: string; range: string; color: string; tag: string }
  | { op: 'note'; sheet: string; cell: string; text: string; tag: string }
  | { op: 'addSheet'; name: string; rows: (string | number | null)[][]; tag: string }
  | {
      op: 'setValues';
      sheet: string;
      range: string;
      values: (string | number | null)[][];
      tag: string;
      /** Number format per cell (null: the cell keeps its own); recorded and restored with the value. */
      formats?: (string | null)[][];
      /** Write over formula cells too (by default a formula cell is skipped and reported). */
      replaceFormulas?: boolean;
    }
  /** A standard table as a new sheet (src/core/templates): never replaces a sheet; undone with its tag. */
  | { op: 'addTemplateSheet'; sheet: TemplateSheet; tag: string }
  /**
   * Formulas with their cached results on existing cells (更新公式): a cell already holding exactly that formula
   * is left alone; every other is recorded like setValues, so clearing the tag gives back what it held.
   */
  | { op: 'setFormulas'; sheet: string; cells: { cell: string; formula: string; value: number | string | null }[]; tag: string }
  | { op: 'clearTag'; tag: string };

export interface WritePlan {
  /** What the plan does, Chinese, for the undo list. */
  title: string;
  ops: WriteOp[];
}

/** What applying a plan did: every adapter reports at least this (the pane shows `notices`). */
export interface ApplyReport {
  cellsFilled: number;
  notesWritten: number;
  valuesWritten: number;
  sheetsAdded: string[];
  /** Cells `clearTag` restored. */
  restored: number;
  /** Cells `clearTag` left alone because the user changed them after the add-in did. */
  keptUserChanges: number;
  /** What did not go exactly as asked, in Chinese, for the user (degraded features, skipped cells). */
  notices: string[];
}
