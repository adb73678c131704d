/**
 * The spec format: a disclosure table described as data (see README.md in this folder).
 * The recogniser (`src/core/recognise/`) is generic over these; a regional variant is another spec.
 */
import type { ColumnKind, TableKind } from '../model';

/**
 * How the table is laid out on the sheet.
 * - `rows`: code | name | value columns, one logical row per sheet row (收入决算表, “三公” vertical, …).
 * - `side-by-side`: two `rows` tables next to each other, told apart by a header over each (收入 | 支出).
 * - `blocks`: repeated code | name | amount triples (基本支出表); a row's block comes from its economic class.
 * - `horizontal`: items across the header, one data row (上海 “三公” 表); turned into logical rows.
 * - `form`: a form with sections, each announced by a header row (绩效自评表).
 */
export type Layout = 'rows' | 'side-by-side' | 'blocks' | 'horizontal' | 'form';

/**
 * A pattern on a header path or a row name.
 * Header paths: segments separated by `>` from the outer header down to the column's own header
 * (`本年支出>基本支出>人员经费`); the last segment must match the column's own (lowest) header, earlier
 * segments must appear above it in order. In every segment `|` separates alternatives and `*` matches
 * any text. Text is compared after normalisation (spaces out, full-width folded: `合 计` = `合计`,
 * `（境）` = `(境)`); row names also lose their ordinal (`一、`, `（二）`, `1.`, `其中：`).
 */
export type Pattern = string;

export interface ColumnSpec {
  /** Column key (docs/KEYS.md). */
  key: string;
  /** Header patterns; the first that matches a column wins. */
  header: Pattern[];
  /** What the column holds; default `amount`. */
  kind?: ColumnKind;
  /** Not printed by every publisher: missing it does not lower confidence. */
  optional?: boolean;
}

export interface LineSpec {
  /** Row key (docs/KEYS.md). */
  key: string;
  /** Name patterns (row name, ordinal stripped). */
  names: Pattern[];
  /** `total` for 合计/总计 lines, else `line`. */
  level?: 'total' | 'line';
  /** Overrides the kind of every value in the row (count lines of “三公” 表). */
  valueKind?: ColumnKind;
  /** Only matches after the row with this key (the three lines under 年初财政拨款结转和结余). */
  after?: string;
  /** blocks layout: the block this line belongs to. */
  block?: string;
}

export interface BlockSpec {
  /** Block name given to the rows (`income`, `expense`). */
  block: string;
  /** Pattern on the outermost header over the block's columns (`收入`). */
  header: Pattern[];
  columns: ColumnSpec[];
  lines: LineSpec[];
  /** Rows named after a function 类 (`八、社会保障和就业支出`) get the 类 code as key. */
  functionClassLines?: boolean;
}

export interface TripleSpec {
  code: Pattern[];
  name: Pattern[];
  amount: Pattern[];
  /** Header over a triple naming its block (`人员经费` → personnel). */
  blockHeaders: { block: string; header: Pattern[] }[];
  /** Block of a coded row by its 3-digit class; classes not listed go to `otherBlock`. */
  blockByClass: Record<string, string>;
  otherBlock: string;
}

export interface FormSection {
  /** Block name of the section's rows (`funds`, `indicators`, `tasks`). */
  block: string;
  /** Header cells announcing the section; all must appear on one row. */
  cues: Pattern[];
  columns: ColumnSpec[];
  /** `lines`: rows matched by name; `repeat`: every row with a name under `nameHeader`. */
  rows: 'lines' | 'repeat';
  lines?: LineSpec[];
  /** repeat: header of the column with the row name (`三级指标`). */
  nameHeader?: Pattern[];
  /** repeat: row keys are `${keyPrefix}.${n}` (n from 1). */
  keyPrefix?: string;
  /** repeat: lines that end the section and are kept (`总分` → `score_total`). */
  endLines?: LineSpec[];
  /** repeat: names that end the section and are not rows (`其他需要说明事项`). */
  stopNames?: Pattern[];
  /** repeat: values of the end line found by their text, not by a header (the 评价等级 `优` after 总分's 得分). */
  endValues?: EndValueSpec[];
  optional?: boolean;
}

/** A value printed on a form's end line without a column header of its own. */
export interface EndValueSpec {
  /** Column key (docs/KEYS.md). */
  key: string;
  kind: ColumnKind;
  /** Patterns on the cell's whole text; the first matching cell right of the line's name (outside the value columns) is taken. */
  text: Pattern[];
  /** Header given to the column in the model (nothing is printed over it). */
  header: string;
}

export interface TableSpec {
  /** `kind/variant`, e.g. `three_public/shanghai-horizontal`. */
  id: string;
  kind: TableKind;
  /** Canonical title (docs/DOMAIN.md §2.1). */
  title: string;
  /** Printed titles that announce this table (first = the variant's own title). */
  titles: Pattern[];
  /** Where this variant comes from (for people). */
  source: string;
  /**
   * How the pane names this variant beside the title when a kind has several (`江西，竖排` →
   * `财政拨款“三公”经费支出决算表（江西，竖排）`); omitted for the common one.
   */
  variant?: string;
  /**
   * The table set (src/core/specs/sets.ts) this variant is printed in alone: a table recognised by it tells that
   * the disclosure follows that set (`yunnan`, `shanghai`). Omitted when the variant is printed in several sets.
   */
  set?: string;
  layout: Layout;
  /** Which classification the codes of this table belong to. */
  codes?: 'function' | 'economic';
  /** rows / horizontal: value columns. */
  columns?: ColumnSpec[];
  /** rows / horizontal: named lines. */
  lines?: LineSpec[];
  /** rows: function 类 lines by name. */
  functionClassLines?: boolean;
  /** side-by-side. */
  blocks?: BlockSpec[];
  /** blocks. */
  triple?: TripleSpec;
  /** form. */
  sections?: FormSection[];
}
