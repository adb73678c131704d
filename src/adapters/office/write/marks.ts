/**
 * Fills and values: each cell's prior is the ledger's decision (`priorOf`: written again under the same tag while
 * the cell still shows our earlier write, the original prior stays); this queues the office.js writes.
 */
import { priorOf, type StoredValue } from '../../../core/ledger';
import { cellAddress } from '../../../core/snapshot';
import { NO_FILL, officeHolds, officeShows, solidStored, storedFromCell, storedFromOffice } from '../translate';
import { ACTION, bands, size } from './batch';
import type { Build } from './context';
import { cellKey, type CellTarget, type Prepared } from './ops';

export function writeFill(b: Build, op: Extract<Prepared, { op: 'fill' }>): void {
  const applied = solidStored(op.color);
  const todo: CellTarget[] = [];
  for (const c of op.cells) {
    if (b.protectedSheets.has(c.sheet)) {
      b.skip(c.sheet);
      continue;
    }
    const k = cellKey(c.sheet, c.a1);
    const cur = b.fills.get(k) ?? NO_FILL;
    const earlier = b.ledger.find('fill', op.tag, c.sheet, c.a1);
    const prior = priorOf(earlier, storedFromOffice(cur), earlier !== undefined && officeShows(cur, earlier.applied));
    b.ledger.replace(earlier, { kind: 'fill', tag: op.tag, sheet: c.sheet, cell: c.a1, prior, applied });
    b.fills.set(k, { color: op.color, pattern: 'Solid' });
    todo.push(c);
    b.report.cellsFilled++;
  }
  // The whole range in one action unless some of it is on a protected sheet (then cell by cell).
  if (todo.length === op.cells.length)
    b.w(5 * ACTION, (x) => {
      x.sheet(op.sheet).getRange(op.range).format.fill.color = op.color;
    });
  else
    for (const c of todo)
      b.w(5 * ACTION, (x) => {
        x.sheet(c.sheet).getRange(c.a1).format.fill.color = op.color;
      });
}

export function writeValues(b: Build, op: Extract<Prepared, { op: 'setValues' }>): void {
  if (b.protectedSheets.has(op.sheet)) {
    b.skip(op.sheet);
    return;
  }
  const rows = op.box.bottom - op.box.top + 1;
  const cols = op.box.right - op.box.left + 1;
  const vals: (string | number)[][] = [];
  const fmts: (string | null)[][] = [];
  let textFormats = false;
  for (let i = 0; i < rows; i++) {
    vals.push([]);
    fmts.push([]);
    for (let j = 0; j < cols; j++) {
      const v = op.values[i]?.[j] ?? null;
      const fmt = recordValue(b, op.tag, op.sheet, cellAddress(op.box.top + i, op.box.left + j), v, op.formats?.[i]?.[j] ?? null);
      if (fmt !== null) textFormats = true;
      fmts[i].push(fmt);
      vals[i].push(v === null ? '' : v);
    }
  }
  for (const [from, to] of bands(vals, b.perSync)) {
    const part = vals.slice(from, to);
    const partFmts = fmts.slice(from, to);
    b.w(5 * ACTION + size(part) + (textFormats ? size(partFmts) : 0), (x) => {
      const range = x.sheet(op.sheet).getRangeByIndexes(op.box.top + from, op.box.left, to - from, cols);
      if (textFormats) range.numberFormat = partFmts;
      range.values = part;
    });
  }
}

/**
 * Records one cell's value write; returns the number format the cell needs for it (`asked` by the plan, `@` for
 * text), or null to keep its own.
 */
function recordValue(b: Build, tag: string, sheet: string, a1: string, v: string | number | null, asked: string | null): string | null {
  const k = cellKey(sheet, a1);
  const cur = b.values.get(k) ?? { value: '', formula: '', format: 'General' };
  const earlier = b.ledger.find('values', tag, sheet, a1);
  const stillOurs = earlier !== undefined && officeHolds(cur.value, cur.formula, earlier.applied);
  const prior = priorOf(earlier, storedFromCell(cur.value, cur.formula), stillOurs);
  const priorFormat = priorOf(earlier && { prior: earlier.priorFormat ?? cur.format }, cur.format, stillOurs);
  // Text goes in as text (`@`): `=SUM(A1)` stays a string, `001` keeps its zeros.
  const fmt = typeof v === 'string' ? '@' : (asked ?? (typeof v === 'number' && cur.format === '@' ? 'General' : null));
  const applied: StoredValue = v === null || v === '' ? { t: 'null' } : { t: 'plain', v };
  b.ledger.replace(earlier, { kind: 'values', tag, sheet, cell: a1, prior, applied, priorFormat });
  b.values.set(k, { value: v ?? '', formula: v ?? '', format: fmt ?? cur.format });
  b.report.valuesWritten++;
  return fmt;
}

/** 更新公式: each formula into its cell (Excel computes it), recorded so clearing the tag puts back what was there. */
export function writeFormulas(b: Build, op: Extract<Prepared, { op: 'setFormulas' }>): void {
  if (b.protectedSheets.has(op.sheet)) {
    b.skip(op.sheet);
    return;
  }
  for (const c of op.cells) {
    const k = cellKey(op.sheet, c.a1);
    const cur = b.values.get(k) ?? { value: '', formula: '', format: 'General' };
    const applied: StoredValue = { t: 'object', v: { formula: c.formula } };
    if (officeHolds(cur.value, cur.formula, applied)) continue;
    const earlier = b.ledger.find('values', op.tag, op.sheet, c.a1);
    const stillOurs = earlier !== undefined && officeHolds(cur.value, cur.formula, earlier.applied);
    const prior = priorOf(earlier, storedFromCell(cur.value, cur.formula), stillOurs);
    const priorFormat = priorOf(earlier && { prior: earlier.priorFormat ?? cur.format }, cur.format, stillOurs);
    b.ledger.replace(earlier, { kind: 'values', tag: op.tag, sheet: op.sheet, cell: c.a1, prior, applied, priorFormat });
    // A text-formatted cell (`@`) would show the formula as text: it gets the amounts' format.
    const format = cur.format === '@' ? '#,##0.00' : cur.format;
    b.values.set(k, { value: '', formula: `=${c.formula}`, format });
    b.report.valuesWritten++;
    b.w(2 * ACTION, (x) => {
      const range = x.sheet(op.sheet).getRange(c.a1);
      if (format !== cur.format) range.numberFormat = [[format]];
      range.formulas = [[`=${c.formula}`]];
    });
  }
}
