/** What a layout parser gives back (a parse and its evidence), and the row evidence tally. */
import { isKnownClassOf } from '../../classification';
import type { ColumnInfo, RecognisedTable, TableRow, UnreadCell } from '../../model';
import type { RangeBox } from '../../snapshot';
import { type GCell } from '../grid';
import { type HeaderBlock } from '../header';
import { type Meta } from '../meta';

export interface Parsed {
  ok: boolean;
  /** How well the header fits the spec, 0..1. */
  fit: number;
  /** Share of rows placed by code or line name, 0..1. */
  rowFit: number;
  reasons: string[];
  columns: ColumnInfo[];
  rows: TableRow[];
  notes: string[];
  noteBoxes: RangeBox[];
  range: RangeBox;
  meta: Meta;
  /** What the header and rows show by themselves (used when a region has no title, see structure.ts). */
  evidence: Evidence;
  /** Numbers of the body no column took (unread.ts); asked of the winning parse only. */
  unread?: () => UnreadCell[];
}

/** Where a parse is placed and what it is: the fields of a recognised table that do not come from the parse. */
export type Placement = Pick<
  RecognisedTable,
  'id' | 'kind' | 'specId' | 'title' | 'printedTitle' | 'sheet' | 'range' | 'anchor' | 'confidence' | 'reasons'
>;

/** The recognised table of a winning parse (`problems`: what its parse noted about cells). */
export function recognisedTable(parsed: Parsed, problems: string[], at: Placement): RecognisedTable {
  const table: RecognisedTable = {
    id: at.id,
    kind: at.kind,
    specId: at.specId,
    title: at.title,
    printedTitle: at.printedTitle,
    label: parsed.meta.label,
    org: parsed.meta.org,
    year: parsed.meta.year,
    unit: parsed.meta.unit,
    unitText: parsed.meta.unitText,
    sheet: at.sheet,
    range: at.range,
    anchor: at.anchor,
    confidence: at.confidence,
    reasons: at.reasons,
    columns: parsed.columns,
    rows: parsed.rows,
    notes: parsed.notes,
    problems,
  };
  const unread = parsed.unread?.();
  if (unread?.length) table.unread = unread;
  return table;
}

/**
 * Structural facts of a parse, independent of the title. Meanings per layout: columns for rows and
 * side-by-side; triples for blocks; item × value columns for horizontal; sections for forms.
 */
export interface Evidence {
  /** Share of the header's value columns (from the first matched column rightwards) that a spec column took. */
  coverage: number;
  /** Non-optional spec columns matched under a header that is not a generic word (金额, 合计, 小计…). */
  specific: number;
  /** The header prints a code column (科目编码, 类 | 款 | 项). */
  codeColumn: boolean;
  /** Rows whose code lies in a known 类 of the spec's classification (function 类 named in words count too). */
  codedRows: number;
  /** Distinct named lines placed (horizontal: items; form: rows). */
  lines: number;
  /** Share of the spec's named lines placed (0 when it names none). */
  lineShare: number;
  /** Matched columns, triples, item values or sections: how much of the table the spec explains. */
  parts: number;
}

export const NO_EVIDENCE: Evidence = { coverage: 0, specific: 0, codeColumn: false, codedRows: 0, lines: 0, lineShare: 0, parts: 0 };

/** Header words that say nothing about which table this is. */
export const GENERIC_HEADER = /^(金额|合计|小计|总计|数量|数额|决算金额)$/;
const CODE_HEADER = /(编码|代码)$|^(类|款|项)$/;

export function hasCodeColumn(header: HeaderBlock): boolean {
  for (const hc of header.columns.values()) if (hc.path.some((p) => CODE_HEADER.test(p))) return true;
  return false;
}

/** Coded rows of a known 类 and distinct named lines among parsed rows. */
export function rowEvidence(rows: TableRow[], codes: 'function' | 'economic' | undefined): { codedRows: number; lines: number } {
  const tally = new RowTally(codes);
  for (let k = 0; k < rows.length; k++) tally.add(rows[k]);
  return tally.result();
}

/** rowEvidence counted row by row, as rows are made (a row is read while it is still in the cache). */
export class RowTally {
  private codedRows = 0;
  private readonly lines = new Set<string>();

  constructor(private readonly codes: 'function' | 'economic' | undefined) {}

  add(r: TableRow): void {
    if (r.code !== null) {
      if (isClassifiedCode(r.code) && isKnownClassOf(r.code, this.codes ?? 'function')) this.codedRows++;
    } else if (!/^row\d/.test(r.key)) this.lines.add(`${r.block}/${r.key}`);
  }

  result(): { codedRows: number; lines: number } {
    return { codedRows: this.codedRows, lines: this.lines.size };
  }
}

/** 3, 5 or 7 digits (what `/^(\d{3}|\d{5}|\d{7})$/` accepts), by a scan: this runs on every coded row. */
function isClassifiedCode(code: string): boolean {
  if (code.length !== 3 && code.length !== 5 && code.length !== 7) return false;
  for (let i = 0; i < code.length; i++) {
    const ch = code.charCodeAt(i);
    if (ch < 0x30 || ch > 0x39) return false;
  }
  return true;
}

export interface Region {
  title: GCell;
  regionEnd: number;
}

export const MAX_HEADER_ROWS = 8;
