/**
 * The vocabulary of declarative identity rules. A rule names a total and its parts by table kind,
 * row and column (docs/KEYS.md); the evaluator (src/core/validate/) walks the recognised tables and
 * turns each rule into concrete identities between cells. Nothing here computes anything.
 */
import type { RowLevel, Severity, TableKind } from '../model';

/**
 * Which rows of a table a rule walks. Each walked row becomes "the current row" (`{ same: true }`).
 * Rows are matched when every given condition holds.
 */
export interface RowScope {
  blocks?: string[];
  levels?: RowLevel[];
  keys?: string[];
  /** Row keys starting with this text (`indicator.`, `task.`). */
  keyPrefix?: string;
  /**
   * Also walk rows of this other table (same levels/blocks) that this table lacks, so a line printed in one
   * table only is still compared (it counts as zero where it is missing).
   */
  unionWith?: TableKind;
}

/**
 * Which columns a rule walks; each walked column becomes "the current column".
 * `amount`: every amount column of the table (of the walked row's block when columns are per block).
 */
export type ColumnScope = 'amount' | string[];

/** A row reference inside an operand. A plain string is a fixed row key. */
export type RowSelector =
  | string
  /** The current row (in another table: the row with the same key). */
  | { same: true }
  /** Every row at this level (e.g. all 类 rows), optionally in one block: each one is a part. */
  | { level: RowLevel; block?: string }
  /** The current row's children by code prefix: 类 → its 款, 款 → its 项 (each one a part). */
  | { children: true }
  /** Every row whose key starts with this prefix (each one a part). */
  | { keyPrefix: string; block?: string }
  /** Several fixed rows, each one a part (missing rows count as zero). */
  | { keys: string[] };

export interface Operand {
  /** Another table kind; default: the rule's own table. */
  table?: TableKind;
  /** Row; default: the current row. */
  row?: RowSelector;
  /** Column key; default: the current column. */
  col?: string;
  /** −1 for a subtracted term (`年末 = 年初 + 收入 − 支出`). */
  sign?: 1 | -1;
  /**
   * The operand's table may be absent (云南 项目支出表 alongside 基本支出表): it then counts as zero.
   * Without this flag a rule whose other table is missing is skipped (completeness reports the table once).
   */
  optional?: boolean;
}

interface RuleBase {
  /** Stable id (findings carry it): `income.row`, `cross.summary_income_total`, `code.parent`. */
  id: string;
  /** The table the total sits in; the rule runs once per recognised table of this kind. */
  kind: TableKind;
  /** What the rule says, in Chinese, for the rule list a domain expert reads. */
  description: string;
}

/** `total = Σ parts` (relation `eq`) or `Σ parts ≤ total` (relation `le`, for 其中 lines). */
export interface SumRule extends RuleBase {
  type: 'sum';
  rows?: RowScope;
  cols?: ColumnScope;
  /** The total operand (always in the rule's own table), or a fixed number (`100` for Σ 分值). */
  total: Pick<Operand, 'row' | 'col'> | { constant: string };
  parts: Operand[];
  relation?: 'eq' | 'le';
  /** Severity when broken beyond the rounding bound; default `error`. */
  severity?: Severity;
}

/** `result% = numerator / denominator × 100`, up to the printed precision and the inputs' rounding. */
export interface RatioRule extends RuleBase {
  type: 'ratio';
  rows?: RowScope;
  result: Operand;
  numerator: Operand;
  denominator: Operand;
  /** Severity when the printed rate is wrong beyond the inputs' rounding; default `error`. */
  severity?: Severity;
}

/** The printed grade (优/良/中/差) must be the band of the printed 总分. */
export interface GradeRule extends RuleBase {
  type: 'grade';
  score: Operand;
  /** Highest band first; a score ≥ min earns the grade. */
  bands: { min: number; grade: string }[];
  /** Severity when the printed grade is not the 总分's band; default `error`. */
  severity?: Severity;
}

/** Level of a classification code by its length: 类 (3 digits), 款 (5), 项 (7). */
export type CodeLevel = 'class' | 'section' | 'item';

/**
 * A severity that depends on the code a finding is about: by its classification, then its level. What is not
 * listed has the rule's own `severity`.
 */
export type LevelSeverity = Partial<Record<'economic' | 'function', Partial<Record<CodeLevel, Severity>>>>;

/**
 * A check that is not an identity between cells (codes, completeness, cell contents). Listed here so the
 * rule list is complete; evaluated by src/core/validate/checks.ts. `kind: '*'` applies to every table.
 */
export interface CheckRule {
  type: 'check';
  id: string;
  kind: TableKind | '*';
  description: string;
  severity: Severity;
  /** Where the severity depends on the code's classification and level (类 vs 款/项): the exceptions to `severity`. */
  byLevel?: LevelSeverity;
}

/**
 * Within one disclosure set every table prints the same value of a meta field (编制单位/部门/单位, 年度): a
 * table printing another value than the set's prevailing one (printed by more tables than any other value,
 * and by two at least) is reported at the cell that prints it. Evaluated by src/core/validate/meta.ts.
 */
export interface ConsistencyRule {
  type: 'consistent';
  id: string;
  kind: '*';
  field: 'org' | 'year';
  severity: Severity;
  /** Kinds whose printed value may differ by design; they are neither reported nor counted. */
  except?: TableKind[];
  description: string;
}

export type IdentityRule = SumRule | RatioRule | GradeRule;
export type Rule = IdentityRule | CheckRule | ConsistencyRule;

/** What `listRules` returns. */
export interface RuleInfo {
  id: string;
  kind: TableKind | '*';
  type: Rule['type'];
  description: string;
}
