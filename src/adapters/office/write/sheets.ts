/** Sheets the add-in adds (the findings sheet, the notes fallback sheet): never over a user's sheet. */
import { columnLetters } from '../../../core/snapshot';
import { ACTION, bands, size } from './batch';
import type { Build } from './context';
import { cleanSheetName } from './ops';

type Row = (string | number | null)[];

/** Adds a sheet of `rows` (first row bold) and records it under `tag`; returns the name it got. */
export function addSheet(b: Build, wanted: string, rows: Row[], tag: string): string {
  if (b.probe.workbookProtected) throw new Error(`工作簿结构受保护，无法添加工作表“${wanted}”。请先取消“保护工作簿”。`);
  const final = freeName(b, wanted);
  const width = Math.max(1, ...rows.map((r) => r.length));
  const vals = rows.map((r) => Array.from({ length: width }, (_, j) => r[j] ?? ''));
  const fmts = rows.map((r) => Array.from({ length: width }, (_, j) => (typeof r[j] === 'string' ? '@' : 'General')));
  const widths = Array.from({ length: width }, (_, j) =>
    Math.min(60, Math.max(8, ...rows.map((r) => [...String(r[j] ?? '')].reduce((s, ch) => s + (ch.charCodeAt(0) > 255 ? 2 : 1), 0) + 2))),
  );
  b.w((4 + 3 * width) * ACTION, (x) => {
    const ws = x.add(final);
    widths.forEach((cw, j) => {
      // Column width is in points; about 6 points per half-width character.
      ws.getRange(`${columnLetters(j)}:${columnLetters(j)}`).format.columnWidth = cw * 6;
    });
  });
  for (const [from, to] of bands(vals, b.perSync)) {
    const part = vals.slice(from, to);
    const partFmts = fmts.slice(from, to);
    b.w(6 * ACTION + size(part) + size(partFmts), (x) => {
      const range = x.sheet(final).getRangeByIndexes(from, 0, to - from, width);
      range.numberFormat = partFmts;
      range.values = part;
      if (from === 0) x.sheet(final).getRangeByIndexes(0, 0, 1, width).format.font.bold = true;
    });
  }
  b.names.push(final);
  b.ledger.replace(undefined, { kind: 'sheet', tag, sheet: final });
  b.report.sheetsAdded.push(final);
  return final;
}

/**
 * A user's sheet of that name is never touched: the first free name, or the add-in's own earlier sheet, which is
 * then deleted (with the entries of what was written on it) to be replaced.
 */
function freeName(b: Build, wanted: string): string {
  const same = (a: string, c: string) => a.toLowerCase() === c.toLowerCase();
  const ours = (n: string) => b.entries().some((e) => e.kind === 'sheet' && same(e.sheet, n));
  let name = wanted;
  for (let i = 2; b.exists(name) && !ours(name); i++) name = cleanSheetName(`${wanted.slice(0, 26)} (${i})`);
  if (b.exists(name)) {
    b.removeSheet(name);
    for (const e of b.entries()) {
      if ((e.kind === 'fill' || e.kind === 'note' || e.kind === 'values' || e.kind === 'sheet') && same(e.sheet, name)) b.ledger.drop(e);
    }
  }
  return name;
}

/** Removes a sheet the add-in added, when it is still there. */
export function removeOwnSheet(b: Build, name: string): void {
  if (!b.exists(name)) return;
  if (b.probe.workbookProtected) throw new Error(`工作簿结构受保护，无法删除工作表“${name}”。请先取消“保护工作簿”。`);
  b.removeSheet(name);
}
