/**
 * Applies write plans to an exceljs Workbook held in memory (standalone page, CLI), and keeps the add-in's own
 * records inside the workbook in a veryHidden sheet `_juesuan`:
 *  - what every tagged fill / note / value replaced, so `clearTag` restores exactly that and nothing else;
 *  - which sheets the add-in added;
 *  - the user's table-kind corrections (overrides).
 * A record survives save and reload because it lives in the file, not in the page.
 */
import type ExcelJS from 'exceljs';
import type { ApplyReport, WriteOp, WritePlan } from '../../core/model';
import type { KindOverride, RangeBox } from '../../core/snapshot';
import { cellAddress, parseRange } from '../../core/snapshot';

export const RECORD_SHEET = '_juesuan';

type RecordKind = 'fill' | 'note' | 'values' | 'sheet' | 'override';

interface AddinRecord {
  kind: RecordKind;
  tag: string;
  sheet: string;
  /** A1 address of one cell (fill/note/values), the anchor (override), or '' (sheet). */
  cell: string;
  /** JSON payload: `{ prior, applied }` for cell records, the spec id for overrides. */
  data: string;
}

const HEADER = ['kind', 'tag', 'sheet', 'cell', 'data'];

/** What a plan application did, for messages and tests (the shape every adapter reports). */
export type { ApplyReport };

// ---------- the record sheet ----------

function recordSheet(wb: ExcelJS.Workbook, create: boolean): ExcelJS.Worksheet | undefined {
  let ws = wb.getWorksheet(RECORD_SHEET);
  if (!ws && create) {
    ws = wb.addWorksheet(RECORD_SHEET, { state: 'veryHidden' });
  }
  if (ws && ws.state !== 'veryHidden') ws.state = 'veryHidden';
  return ws;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
}

function readRecords(wb: ExcelJS.Workbook): AddinRecord[] {
  const ws = recordSheet(wb, false);
  if (!ws) return [];
  const out: AddinRecord[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const kind = cellText(row.getCell(1).value) as RecordKind;
    if (!['fill', 'note', 'values', 'sheet', 'override'].includes(kind)) return;
    out.push({
      kind,
      tag: cellText(row.getCell(2).value),
      sheet: cellText(row.getCell(3).value),
      cell: cellText(row.getCell(4).value),
      data: cellText(row.getCell(5).value),
    });
  });
  return out;
}

function writeRecords(wb: ExcelJS.Workbook, records: AddinRecord[]): void {
  const existing = recordSheet(wb, false);
  if (!existing && records.length === 0) return;
  // Rewritten whole: simpler than patching rows, and the sheet is small.
  if (existing) wb.removeWorksheet(existing.id);
  // Nothing left to remember: the workbook goes back to having no add-in sheet at all.
  if (records.length === 0) return;
  const ws = recordSheet(wb, true)!;
  ws.addRow(HEADER);
  for (const r of records) ws.addRow([r.kind, r.tag, r.sheet, r.cell, r.data]);
}

// ---------- fills, notes and values, compared the way they survive a save ----------

type NoteValue = string | ExcelJS.Comment;

function normColor(c: Partial<ExcelJS.Color> | undefined): string {
  if (!c) return '';
  if (c.argb) return c.argb.toUpperCase();
  if (c.theme !== undefined) return `theme:${c.theme}`;
  return '';
}

/** Two fills look the same to the user (a reload adds bgColor and the like). */
function sameFill(a: ExcelJS.Fill | undefined, b: ExcelJS.Fill | undefined): boolean {
  const ka = fillKey(a);
  const kb = fillKey(b);
  return ka === kb;
}

function fillKey(f: ExcelJS.Fill | undefined): string {
  if (!f || (f.type === 'pattern' && f.pattern === 'none')) return 'none';
  if (f.type === 'pattern') return `pattern:${f.pattern}:${normColor(f.fgColor)}`;
  return JSON.stringify(f);
}

function noteText(n: NoteValue | undefined | null): string {
  if (n === undefined || n === null) return '';
  if (typeof n === 'string') return n;
  return (n.texts ?? []).map((t) => t.text).join('');
}

function getNote(cell: ExcelJS.Cell): NoteValue | undefined {
  const n = cell.note as NoteValue | undefined;
  return n === undefined || n === null || noteText(n) === '' ? undefined : n;
}

function setNote(cell: ExcelJS.Cell, n: NoteValue | undefined): void {
  if (n === undefined) {
    // exceljs has no public way to delete a note: it lives in `_comment`, and a loaded (or once written) cell
    // also keeps a copy in its value model, which the writer reads.
    const inner = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
    inner._comment = undefined;
    if (inner._value?.model) delete inner._value.model.comment;
  } else {
    cell.note = n;
  }
}

function getFill(cell: ExcelJS.Cell): ExcelJS.Fill | undefined {
  const f = cell.style?.fill;
  return f && fillKey(f) !== 'none' ? f : undefined;
}

/** Loaded cells share style objects; assigning through `cell.fill` would repaint every cell of that style. */
function setFill(cell: ExcelJS.Cell, fill: ExcelJS.Fill | undefined): void {
  const style: Partial<ExcelJS.Style> = { ...(cell.style ?? {}) };
  if (fill) style.fill = JSON.parse(JSON.stringify(fill)) as ExcelJS.Fill;
  else delete style.fill;
  cell.style = style;
}

type StoredValue = { t: 'null' } | { t: 'date'; v: string } | { t: 'plain'; v: string | number | boolean } | { t: 'object'; v: unknown };

function storeValue(v: ExcelJS.CellValue): StoredValue {
  if (v === null || v === undefined) return { t: 'null' };
  if (v instanceof Date) return { t: 'date', v: v.toISOString() };
  if (typeof v === 'object') return { t: 'object', v };
  return { t: 'plain', v };
}

function loadValue(s: StoredValue): ExcelJS.CellValue {
  switch (s.t) {
    case 'null':
      return null;
    case 'date':
      return new Date(s.v);
    case 'plain':
      return s.v;
    default:
      return s.v as ExcelJS.CellValue;
  }
}

function sameValue(a: ExcelJS.CellValue, b: ExcelJS.CellValue): boolean {
  return JSON.stringify(storeValue(a)) === JSON.stringify(storeValue(b));
}

/** `#FFC7CE`, `FFC7CE`, `FFFFC7CE` → ARGB as exceljs wants it. */
export function toArgb(color: string): string {
  const hex = color.trim().replace(/^#/, '').toUpperCase();
  if (/^[0-9A-F]{8}$/.test(hex)) return hex;
  if (/^[0-9A-F]{6}$/.test(hex)) return `FF${hex}`;
  if (/^[0-9A-F]{3}$/.test(hex))
    return `FF${hex
      .split('')
      .map((c) => c + c)
      .join('')}`;
  throw new Error(`无法识别的颜色：${color}`);
}

function solidFill(color: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: toArgb(color) } };
}

function eachCell(box: RangeBox, fn: (row: number, col: number) => void): void {
  for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) fn(r, c);
}

function sheetOrThrow(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws || name === RECORD_SHEET) throw new Error(`工作簿中没有名为“${name}”的工作表`);
  return ws;
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function cleanSheetName(name: string): string {
  const s = name
    .replace(/[:\\/?*[\]]/g, '_')
    .replace(/^'+|'+$/g, '')
    .slice(0, 31);
  return s || '审核结果';
}

function cellInput(v: string | number | null): ExcelJS.CellValue {
  // Strings stay strings: exceljs writes them as shared strings, so `=…` is never a formula.
  return v === null ? null : v;
}

// ---------- applying ----------

/**
 * Applies every op in order. Throws (Chinese message) before changing anything when an op names a sheet that
 * does not exist; a bad address or colour throws as well.
 */
export function applyPlanToWorkbook(wb: ExcelJS.Workbook, plan: WritePlan): ApplyReport {
  for (const op of plan.ops) {
    if ((op.op === 'fill' || op.op === 'note' || op.op === 'setValues') && !wb.getWorksheet(op.sheet)) {
      throw new Error(`“${plan.title}”无法执行：工作簿中没有名为“${op.sheet}”的工作表`);
    }
  }
  const records = readRecords(wb);
  const report: ApplyReport = {
    cellsFilled: 0,
    notesWritten: 0,
    valuesWritten: 0,
    sheetsAdded: [],
    restored: 0,
    keptUserChanges: 0,
    notices: [],
  };
  let work = records;
  for (const op of plan.ops) work = applyOp(wb, op, work, report);
  writeRecords(wb, work);
  if (report.keptUserChanges > 0) {
    report.notices.push(`${report.keptUserChanges} 处单元格在加载项写入后又被修改过，已保留这些修改，未恢复原样。`);
  }
  return report;
}

function findRecord(records: AddinRecord[], kind: RecordKind, tag: string, sheet: string, cell: string): AddinRecord | undefined {
  return records.find((r) => r.kind === kind && r.tag === tag && r.sheet === sheet && r.cell === cell);
}

function applyOp(wb: ExcelJS.Workbook, op: WriteOp, records: AddinRecord[], report: ApplyReport): AddinRecord[] {
  switch (op.op) {
    case 'fill': {
      const ws = sheetOrThrow(wb, op.sheet);
      const fill = solidFill(op.color);
      eachCell(parseRange(op.range), (r, c) => {
        const cell = ws.getCell(r + 1, c + 1);
        const addr = cellAddress(r, c);
        const current = getFill(cell);
        const rec = findRecord(records, 'fill', op.tag, op.sheet, addr);
        if (rec && sameFill(current, (JSON.parse(rec.data) as { applied?: ExcelJS.Fill }).applied)) {
          // Painted again under the same tag: keep the original prior, remember the new colour.
          const d = JSON.parse(rec.data) as { prior?: ExcelJS.Fill };
          rec.data = JSON.stringify({ prior: d.prior ?? null, applied: fill });
        } else {
          if (rec) records.splice(records.indexOf(rec), 1);
          records.push({
            kind: 'fill',
            tag: op.tag,
            sheet: op.sheet,
            cell: addr,
            data: JSON.stringify({ prior: current ?? null, applied: fill }),
          });
        }
        setFill(cell, fill);
        report.cellsFilled++;
      });
      return records;
    }
    case 'note': {
      const ws = sheetOrThrow(wb, op.sheet);
      const box = parseRange(op.cell);
      const cell = ws.getCell(box.top + 1, box.left + 1);
      const addr = cellAddress(box.top, box.left);
      const current = getNote(cell);
      const rec = findRecord(records, 'note', op.tag, op.sheet, addr);
      let prior: NoteValue | null;
      if (rec && current !== undefined) {
        // Noted again under the same tag: ours goes below the note that was there before the add-in's first one
        // (the recorded prior), not below the note as it is now — that holds our old text (or an edit of it) and
        // would stack it, more with every run. Same semantics as the office adapter.
        prior = (JSON.parse(rec.data) as { prior: NoteValue | null }).prior;
      } else prior = current ?? null; // No record: the note is the user's. Record but no note: the user deleted it, prior too.
      if (rec) records.splice(records.indexOf(rec), 1);
      // A user's note is kept, with ours below it, rather than replaced.
      const base = noteText(prior);
      const applied = base ? `${base}\n\n${op.text}` : op.text;
      setNote(cell, applied);
      records.push({ kind: 'note', tag: op.tag, sheet: op.sheet, cell: addr, data: JSON.stringify({ prior, applied }) });
      report.notesWritten++;
      return records;
    }
    case 'setValues': {
      const ws = sheetOrThrow(wb, op.sheet);
      const box = parseRange(op.range);
      op.values.forEach((rowValues, i) => {
        rowValues.forEach((v, j) => {
          const r = box.top + i;
          const c = box.left + j;
          const cell = ws.getCell(r + 1, c + 1);
          const addr = cellAddress(r, c);
          const rec = findRecord(records, 'values', op.tag, op.sheet, addr);
          const value = cellInput(v);
          let prior: StoredValue;
          if (rec && sameValue(cell.value, loadValue((JSON.parse(rec.data) as { applied: StoredValue }).applied))) {
            prior = (JSON.parse(rec.data) as { prior: StoredValue }).prior;
            records.splice(records.indexOf(rec), 1);
          } else {
            if (rec) records.splice(records.indexOf(rec), 1);
            prior = storeValue(cell.value);
          }
          cell.value = value;
          records.push({
            kind: 'values',
            tag: op.tag,
            sheet: op.sheet,
            cell: addr,
            data: JSON.stringify({ prior, applied: storeValue(value) }),
          });
          report.valuesWritten++;
        });
      });
      return records;
    }
    case 'addSheet': {
      const ours = (n: string) => records.some((r) => r.kind === 'sheet' && r.sheet === n);
      // A user's sheet of that name is never touched: take the first name that is free or the add-in's own
      // (its earlier 审核结果 is replaced rather than duplicated).
      const wanted = cleanSheetName(op.name);
      let name = wanted;
      for (let i = 2; wb.getWorksheet(name) && !ours(name); i++) name = cleanSheetName(`${op.name.slice(0, 26)} (${i})`);
      if (name !== wanted) report.notices.push(`工作簿中已有名为“${wanted}”的工作表（未改动），内容已写入新工作表“${name}”。`);
      const old = wb.getWorksheet(name);
      if (old) {
        wb.removeWorksheet(old.id);
        records = records.filter((r) => !(r.sheet === name && r.kind !== 'override'));
      }
      const ws = wb.addWorksheet(name);
      let widest: number[] = [];
      op.rows.forEach((row, i) => {
        row.forEach((v, j) => {
          if (v === null) return;
          ws.getCell(i + 1, j + 1).value = cellInput(v);
          const w = Math.min(60, [...String(v)].reduce((s, ch) => s + (ch.charCodeAt(0) > 255 ? 2 : 1), 0) + 2);
          widest[j] = Math.max(widest[j] ?? 8, w);
        });
      });
      widest = widest.map((w) => w ?? 8);
      widest.forEach((w, j) => {
        ws.getColumn(j + 1).width = w;
      });
      if (op.rows.length > 0) ws.getRow(1).font = { bold: true };
      records.push({ kind: 'sheet', tag: op.tag, sheet: name, cell: '', data: '' });
      report.sheetsAdded.push(name);
      return records;
    }
    case 'clearTag':
      return clearTag(wb, op.tag, records, report);
  }
}

function clearTag(wb: ExcelJS.Workbook, tag: string, records: AddinRecord[], report: ApplyReport): AddinRecord[] {
  const mine = records.filter((r) => r.tag === tag && r.kind !== 'override');
  // Newest first, so stacked changes unwind in order.
  for (const rec of [...mine].reverse()) {
    if (rec.kind === 'sheet') {
      const ws = wb.getWorksheet(rec.sheet);
      if (ws) wb.removeWorksheet(ws.id);
      continue;
    }
    const ws = wb.getWorksheet(rec.sheet);
    if (!ws) continue;
    const box = parseRange(rec.cell);
    const cell = ws.getCell(box.top + 1, box.left + 1);
    if (rec.kind === 'fill') {
      const d = JSON.parse(rec.data) as { prior: ExcelJS.Fill | null; applied: ExcelJS.Fill };
      if (sameFill(getFill(cell), d.applied)) {
        setFill(cell, d.prior ?? undefined);
        report.restored++;
      } else report.keptUserChanges++;
    } else if (rec.kind === 'note') {
      const d = JSON.parse(rec.data) as { prior: NoteValue | null; applied: NoteValue };
      if (noteText(getNote(cell)) === noteText(d.applied)) {
        setNote(cell, d.prior ?? undefined);
        report.restored++;
      } else report.keptUserChanges++;
    } else if (rec.kind === 'values') {
      const d = JSON.parse(rec.data) as { prior: StoredValue; applied: StoredValue };
      if (sameValue(cell.value, loadValue(d.applied))) {
        cell.value = loadValue(d.prior);
        report.restored++;
      } else report.keptUserChanges++;
    }
  }
  return records.filter((r) => !mine.includes(r));
}

// ---------- overrides ----------

export function loadOverridesFromWorkbook(wb: ExcelJS.Workbook): KindOverride[] {
  return readRecords(wb)
    .filter((r) => r.kind === 'override')
    .map((r) => ({ sheet: r.sheet, anchor: r.cell, specId: r.data === '' ? null : (JSON.parse(r.data) as string | null) }));
}

/** Replaces the stored overrides with `list` (one per sheet + anchor, the last wins). */
export function saveOverridesToWorkbook(wb: ExcelJS.Workbook, list: KindOverride[]): void {
  const byKey = new Map<string, KindOverride>();
  for (const o of list) byKey.set(`${o.sheet}!${o.anchor}`, o);
  const records = readRecords(wb).filter((r) => r.kind !== 'override');
  for (const o of byKey.values()) {
    records.push({ kind: 'override', tag: 'override', sheet: o.sheet, cell: o.anchor, data: JSON.stringify(o.specId) });
  }
  writeRecords(wb, records);
}
