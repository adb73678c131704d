/** What lies between a title and the next table: meta lines, header rows, body rows, notes. */
import type { RecognisedTable } from '../model';
import type { RangeBox } from '../snapshot';
import { isNoteText, type Ctx } from './cells';
import { normOf, remembered, textOf, type GCell, type Grid } from './grid';
import { emptyMeta, labelOf, readMetaCell, yearInText, type Meta } from './meta';

export interface Prelude {
  meta: Meta;
  metaCells: GCell[];
  /** First row after the title that is not a meta line, or null. */
  start: number | null;
}

export function prelude(ctx: Ctx, title: GCell, regionEnd: number): Prelude {
  const meta = emptyMeta();
  const metaCells: GCell[] = [];
  for (const c of ctx.grid.row(title.row)) {
    if (c === title || typeof c.value !== 'string') continue;
    if (readMetaCell(textOf(c), meta)) metaCells.push(c);
  }
  let start: number | null = null;
  let seen = 0;
  for (let r = ctx.grid.nextRow(title.row + 1, regionEnd); r >= 0; r = ctx.grid.nextRow(r + 1, regionEnd)) {
    const cells = ctx.grid.row(r);
    const allMeta = seen < 6 && cells.every((c) => typeof c.value === 'string' && readMetaCell(textOf(c), meta));
    if (!allMeta) {
      start = r;
      break;
    }
    metaCells.push(...cells);
    seen++;
  }
  meta.label ??= labelOf(textOf(title));
  meta.year ??= yearInText(textOf(title));
  meta.org ??= orgInTitle(title);
  return { meta, metaCells, start };
}

/**
 * The department printed in front of the title (`新平…医疗保障局2022年度收入决算表`): the text before the year,
 * when the title carries a year. Set by the recogniser's title match (`titlePrefix`).
 */
function orgInTitle(title: GCell): string | null {
  const m = /^\s*(.+?)\s*[（(]?\s*(?:19|20)\d{2}\s*年/.exec(textOf(title));
  if (!m) return null;
  const org = m[1].trim();
  return org.length >= 2 && !/[，。；：:]/.test(org) ? org : null;
}

/**
 * The cells that print a table's org and year, so that a finding about them can point there. Read after
 * parsing, whatever layout set them: the first text cell of the table (title row first, top to bottom, left
 * to right) whose meta reading gives that org / year — an `编制单位：…` or `2022年度` line, the title
 * (`上饶市医疗保障局2022年度收入决算表`), a form's value cell next to 部门名称/实施单位 (its whole text).
 */
export function setMetaCells(grid: Grid, t: RecognisedTable): void {
  let org = t.org === null ? undefined : t.org;
  let year = t.year === null ? undefined : t.year;
  const { top, bottom, left, right } = t.range;
  for (let r = grid.nextRow(top, bottom); r >= 0; r = grid.nextRow(r + 1, bottom)) {
    if (org === undefined && year === undefined) return;
    for (const c of grid.rowSpan(r, left, right)) {
      if (typeof c.value !== 'string') continue;
      const meta = emptyMeta();
      readMetaCell(textOf(c), meta);
      const isTitle = r === t.anchor.row && c.col === t.anchor.col;
      if (org !== undefined && (meta.org === org || textOf(c).trim() === org || (isTitle && orgInTitle(c) === org))) {
        t.orgCell = { row: c.row, col: c.col };
        org = undefined;
      }
      if (year !== undefined && (meta.year === year || (isTitle && yearInText(textOf(c)) === year))) {
        t.yearCell = { row: c.row, col: c.col };
        year = undefined;
      }
    }
  }
}

export function isMetaCell(c: GCell): boolean {
  return (
    typeof c.value === 'string' &&
    remembered(
      (m) => m.meta,
      c.value,
      (text) => readMetaCell(text, emptyMeta()),
    )
  );
}

export interface Body {
  dataRows: number[];
  notes: string[];
  /** Boxes of the lines that belong to the table besides its rows: notes, and page footers under the last row. */
  noteBoxes: RangeBox[];
}

/** What a body scan needs to step over the page breaks of a printed (PDF-converted) table. */
export interface PageInfo {
  /** The table's header rows: the same rows printed again on a later page are not data. */
  headerRows: number[];
  title: GCell;
}

// `第 1 页，共 3 页`, `共 3 页 第 1 页`, `第1页/共3页`, `- 1 -`, `— 2 —`, `Page 1 of 3` (normalised text)
const PAGE_NO = '[\\d一二三四五六七八九十百零〇]+';
const PAGE_FOOTER = new RegExp(
  `^(第${PAGE_NO}页([,，/、;；]?共${PAGE_NO}页)?|共${PAGE_NO}页[,，/、;；]?第${PAGE_NO}页|[-—–－~]${PAGE_NO}[-—–－~]|page${PAGE_NO}(of${PAGE_NO})?)$`,
);

/** A row that is only a page footer or page number (one text cell, or two: `第 1 页 | 共 3 页`). */
export function isPageFooter(cells: GCell[]): boolean {
  if (!cells.length || cells.length > 2 || cells.some((c) => typeof c.value !== 'string')) return false;
  const text = cells.length === 1 ? normOf(cells[0]) : normOf(cells[0]) + normOf(cells[1]);
  return text.length <= 24 && PAGE_FOOTER.test(text);
}

// `续表`, `(续表)`, `续表1`, `续上表`, `续上页`; a title ending `(续)`, `(续表)`, `续表`
const CONTINUED = /^[([]?续(表|上表|上页)?[\d一二三四五六七八九十]*[)\]]?$|表[([]?续(表|上表|上页)?[)\]]?$/;

/**
 * A line that says the table goes on from the previous page: `续表`, the title with `（续）`, or the title again;
 * label and unit cells beside it (`收入决算表（续） | 公开02表 | 金额单位：万元`) are allowed.
 */
function isContinuationLine(cells: GCell[], title: GCell | null): boolean {
  const own = cells.filter((c) => !isMetaCell(c));
  if (own.length !== 1 || typeof own[0].value !== 'string' || textOf(own[0]).length > 120) return false;
  const n = normOf(own[0]);
  if (CONTINUED.test(n)) return true;
  return title !== null && !!textOf(title) && n === normOf(title);
}

function allText(cells: GCell[]): boolean {
  for (let i = 0; i < cells.length; i++) if (typeof cells[i].value !== 'string') return false;
  return true;
}

const boxOf = (r: number, cells: GCell[]): RangeBox => ({ top: r, bottom: r, left: cells[0].col, right: cells[cells.length - 1].col });

/** A header row printed again (on a later page): the same texts in the same columns, two cells at least unless at a page's top. */
function isHeaderAgain(cells: GCell[], headerSigs: Set<string>, pageTop: boolean): boolean {
  if (!headerSigs.size) return false;
  return headerSigs.has(rowSignature(cells)) && (pageTop || cells.length >= 2);
}

/** A row's text by column, meta cells left out: equal for a header row and its reprint on a later page. */
export function rowSignature(cells: GCell[]): string {
  let sig = '';
  for (const c of cells) if (!isMetaCell(c)) sig += `${c.col}\u0001${normOf(c)}\u0002`;
  return sig;
}

/**
 * Rows from `from` on that belong to the table: every row with cells in [left, right] until the notes
 * (注：… 说明：…), two empty rows, or the region's end. Note lines are text-only rows after
 * the first note; a row with anything else after the notes ends the table.
 *
 * Page breaks of a printed table (converted from a PDF) are stepped over, silently: a page footer
 * (`第 1 页，共 3 页`, `- 1 -`) is no row, and after it up to three empty rows may come before the next page,
 * which starts with `续表` / the title (with `（续）`) and / or the header rows again; those are no rows
 * either. A header row printed again is also recognised without a footer (two or more cells, exactly the
 * header's text in the same columns). A footer under the last row or the notes belongs to the table.
 */
export function scanBody(ctx: Ctx, from: number, regionEnd: number, left: number, right: number, page?: PageInfo): Body {
  const dataRows: number[] = [];
  const notes: string[] = [];
  const noteBoxes: RangeBox[] = [];
  const headerSigs = new Set<string>();
  for (const r of page?.headerRows ?? []) {
    const sig = rowSignature(ctx.grid.rowSpan(r, left, right));
    if (sig) headerSigs.add(sig);
  }
  const title = page?.title ?? null;
  let inNotes = false;
  let last = -1;
  /** The previous non-empty row was a page footer. */
  let afterFooter = false;
  /** The previous non-empty row was a footer, a continuation line or a reprinted header row. */
  let pageTop = false;
  const rows = ctx.grid.rowsBetween(from, regionEnd);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const cells = ctx.grid.rowSpan(r, left, right);
    if (!cells.length) continue;
    const textOnly = allText(cells);
    const footer = textOnly && isPageFooter(cells);
    const continues =
      !inNotes &&
      textOnly &&
      (isContinuationLine(cells, title) || isHeaderAgain(cells, headerSigs, pageTop) || (pageTop && cells.every(isMetaCell)));
    // two empty rows end a table (one may sit inside it, where a printed page broke); after a page footer
    // up to three, when the next page starts with a continuation line, the header again or the notes
    if (last >= 0 && r - last > 2) {
      const nextPage = afterFooter && r - last <= 4 && (continues || (textOnly && isNoteText(textOf(cells[0]))));
      if (!nextPage) break;
    }
    if (footer) {
      noteBoxes.push(boxOf(r, cells));
      afterFooter = true;
      pageTop = true;
      last = r;
      continue;
    }
    afterFooter = false;
    if (continues) {
      pageTop = true;
      last = r;
      continue;
    }
    pageTop = false;
    if (!inNotes && textOnly && isNoteText(textOf(cells[0])) && cells.length <= 3) inNotes = true;
    if (inNotes) {
      // after the first note: more notes, or their numbered continuation lines (`2.本套报表…`); anything
      // else (a paragraph of 情况说明, another block) is not part of the table
      if (!textOnly || cells.length > 3) break;
      if (!isNoteText(textOf(cells[0]), false) && !/^\s*[（(]?\s*\d{1,2}\s*[)）.．、:：]/.test(textOf(cells[0]))) break;
      notes.push(cells.map((c) => textOf(c).trim()).join(' '));
      noteBoxes.push(boxOf(r, cells));
      last = r;
      continue;
    }
    dataRows.push(r);
    last = r;
  }
  return { dataRows, notes, noteBoxes };
}
