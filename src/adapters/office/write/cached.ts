/**
 * The probe's answer taken from the last read (read.ts `WorkbookState`), so that 标记 right after 审核 is one
 * sync: only when the read saw everything the plan needs and the plan only puts things down (apply.ts says why).
 */
import { entriesToClear } from '../../../core/ledger';
import type { WorkbookState } from '../read';
import { RECORD_SHEET } from '../records';
import type { OfficeFill } from '../translate';
import { cellKey, type Prepared } from './ops';
import { needsFor, type Probe } from './probe';
import type { Caps } from './types';

/** The probe's answer from `seen`, or null when the read did not see everything the plan needs. */
export function fromRead(seen: WorkbookState, ops: Prepared[], caps: Caps): Probe | null {
  const present = (s: string) => seen.names.some((n) => n.toLowerCase() === s.toLowerCase());
  for (const op of ops) {
    if (op.op === 'setValues' || op.op === 'setFormulas') return null;
    // Restoring is decided on the cells as they are now, never as they were at the read.
    if (op.op === 'clearTag' && entriesToClear(seen.records, op.tag).some((e) => e.kind !== 'sheet' && present(e.sheet))) return null;
  }
  const needs = needsFor(ops, seen.records, caps);
  const sheetProtected = new Map<string, boolean>();
  for (const s of needs.sheets) {
    if (!present(s) || s === RECORD_SHEET) continue;
    const p = seen.sheetProtected.get(s);
    if (p === undefined) return null;
    sheetProtected.set(s, p);
  }
  const fills = new Map<string, OfficeFill>();
  for (const t of needs.fills) {
    if (!present(t.sheet)) continue;
    const f = seen.fills.get(t.sheet);
    if (!f || t.row < f.box.top || t.row > f.box.bottom || t.col < f.box.left || t.col > f.box.right) return null;
    fills.set(cellKey(t.sheet, t.a1), f.fills[t.row - f.box.top][t.col - f.box.left]);
  }
  const notes = new Map<string, string | null>();
  for (const t of needs.notes) {
    if (!present(t.sheet)) continue;
    const all = seen.notes.get(t.sheet);
    if (!all) return null;
    notes.set(cellKey(t.sheet, t.a1), all.get(t.a1) ?? null);
  }
  for (const s of needs.commentSheets) if (present(s) && !seen.noComments.has(s)) return null;
  return {
    names: [...seen.names],
    workbookProtected: seen.workbookProtected,
    records: seen.records,
    recordSheet: seen.recordSheet,
    sheetProtected,
    fills,
    notes,
    values: new Map(),
    comments: new Map(),
  };
}
