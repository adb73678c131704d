/** What lies between a title and the next table: meta lines, header rows, body rows, notes. */
import type { RecognisedTable } from '../model';
import type { RangeBox } from '../snapshot';
import { isNoteText, type Ctx } from './cells';
import type { GCell, Grid } from './grid';
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
    if (readMetaCell(c.str, meta)) metaCells.push(c);
  }
  let start: number | null = null;
  let seen = 0;
  for (const r of ctx.grid.rowsBetween(title.row + 1, regionEnd)) {
    const cells = ctx.grid.row(r);
    const allMeta = seen < 6 && cells.every((c) => typeof c.value === 'string' && readMetaCell(c.str, meta));
    if (!allMeta) {
      start = r;
      break;
    }
    metaCells.push(...cells);
    seen++;
  }
  meta.label ??= labelOf(title.str);
  meta.year ??= yearInText(title.str);
  meta.org ??= orgInTitle(title);
  return { meta, metaCells, start };
}

/**
 * The department printed in front of the title (`新平…医疗保障局2022年度收入决算表`): the text before the year,
 * when the title carries a year. Set by the recogniser's title match (`titlePrefix`).
 */
function orgInTitle(title: GCell): string | null {
  const m = /^\s*(.+?)\s*[（(]?\s*(?:19|20)\d{2}\s*年/.exec(title.str);
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
  for (const r of grid.rowsBetween(top, bottom)) {
    if (org === undefined && year === undefined) return;
    for (const c of grid.rowSpan(r, left, right)) {
      if (typeof c.value !== 'string') continue;
      const meta = emptyMeta();
      readMetaCell(c.str, meta);
      const isTitle = r === t.anchor.row && c.col === t.anchor.col;
      if (org !== undefined && (meta.org === org || c.str.trim() === org || (isTitle && orgInTitle(c) === org))) {
        t.orgCell = { row: c.row, col: c.col };
        org = undefined;
      }
      if (year !== undefined && (meta.year === year || (isTitle && yearInText(c.str) === year))) {
        t.yearCell = { row: c.row, col: c.col };
        year = undefined;
      }
    }
  }
}

export function isMetaCell(c: GCell): boolean {
  if (c.meta === undefined) c.meta = typeof c.value === 'string' && readMetaCell(c.str, emptyMeta());
  return c.meta;
}

export interface Body {
  dataRows: number[];
  notes: string[];
  noteBoxes: RangeBox[];
}

/**
 * Rows from `from` on that belong to the table: every row with cells in [left, right] until the notes
 * (注：… 说明：…), two empty rows, or the region's end. Note lines are text-only rows after
 * the first note; a row with anything else after the notes ends the table.
 */
export function scanBody(ctx: Ctx, from: number, regionEnd: number, left: number, right: number): Body {
  const dataRows: number[] = [];
  const notes: string[] = [];
  const noteBoxes: RangeBox[] = [];
  let inNotes = false;
  let last = -1;
  for (const r of ctx.grid.rowsBetween(from, regionEnd)) {
    const cells = ctx.grid.rowSpan(r, left, right);
    if (!cells.length) continue;
    // two empty rows end a table (one may sit inside it, where a printed page broke)
    if (last >= 0 && r - last > 2) break;
    const textOnly = cells.every((c) => typeof c.value === 'string');
    if (!inNotes && textOnly && isNoteText(cells[0].str) && cells.length <= 3) inNotes = true;
    if (inNotes) {
      // after the first note: more notes, or their numbered continuation lines (`2.本套报表…`); anything
      // else (a paragraph of 情况说明, another block) is not part of the table
      if (!textOnly || cells.length > 3) break;
      if (!isNoteText(cells[0].str, false) && !/^\s*[（(]?\s*\d{1,2}\s*[)）.．、:：]/.test(cells[0].str)) break;
      notes.push(cells.map((c) => c.str.trim()).join(' '));
      noteBoxes.push({ top: r, bottom: r, left: cells[0].col, right: cells[cells.length - 1].col });
      last = r;
      continue;
    }
    dataRows.push(r);
    last = r;
  }
  return { dataRows, notes, noteBoxes };
}
