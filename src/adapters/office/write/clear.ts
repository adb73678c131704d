/**
 * Clearing a tag: the ledger says which entries, newest first (`entriesToClear`), and for each whether to
 * restore its prior or keep the cell (`clearAction`: restore only where the cell still shows what we wrote).
 * This observes the cells through the probe and queues the restores. An entry that cannot be undone now (a
 * protected sheet, a missing API, a theme colour office.js cannot paint) stays in the ledger for a later clear.
 */
import { clearAction, entriesToClear, type FillEntry, type LedgerEntry, type NoteEntry, type ValuesEntry } from '../../../core/ledger';
import { NO_FILL, officeFromStored, officeHolds, officeShows, storedHex } from '../translate';
import { ACTION, size } from './batch';
import type { Build } from './context';
import { cellKey } from './ops';
import { removeOwnSheet } from './sheets';

/** What clearing one entry came to: restored, left as the user changed it, or not possible now (entry kept). */
type Outcome = 'restore' | 'keep' | 'retain';

export function clearTag(b: Build, tag: string): void {
  const mine = entriesToClear(b.entries(), tag);
  const retained = new Set<LedgerEntry>();
  for (const e of mine) {
    if (e.kind === 'sheet') {
      removeOwnSheet(b, e.sheet);
      continue;
    }
    if (!b.exists(e.sheet)) continue;
    if (b.protectedSheets.has(e.sheet)) {
      retained.add(e);
      b.skip(e.sheet);
      continue;
    }
    const outcome = e.kind === 'fill' ? clearFill(b, e) : e.kind === 'note' ? clearNote(b, e) : clearValues(b, e);
    if (outcome === 'restore') b.report.restored++;
    else if (outcome === 'keep') b.report.keptUserChanges++;
    else retained.add(e);
  }
  for (const e of mine) if (!retained.has(e)) b.ledger.drop(e);
}

function clearFill(b: Build, e: FillEntry): Outcome {
  const k = cellKey(e.sheet, e.cell);
  const cur = b.fills.get(k);
  if (clearAction(cur !== undefined && officeShows(cur, e.applied)) === 'keep') return 'keep';
  const { sheet, cell, prior } = e;
  if (prior === null) {
    b.w(5 * ACTION, (x) => x.sheet(sheet).getRange(cell).format.fill.clear());
    b.fills.set(k, NO_FILL);
    return 'restore';
  }
  const hex = storedHex(prior);
  if (hex === null) {
    b.notice('部分单元格原来的底色是主题色，无法在 Excel 中按原样恢复，已保留标记色。');
    return 'retain';
  }
  const pattern = prior.officePattern;
  const withPattern = b.caps.withPattern;
  b.w(6 * ACTION, (x) => {
    const f = x.sheet(sheet).getRange(cell).format.fill;
    f.color = hex;
    if (pattern && withPattern) f.pattern = pattern as Excel.FillPattern;
  });
  b.fills.set(k, { color: hex, pattern: pattern ?? 'Solid' });
  return 'restore';
}

function clearNote(b: Build, e: NoteEntry): Outcome {
  const k = cellKey(e.sheet, e.cell);
  const { sheet, cell, prior } = e;
  if (e.via === 'comment') {
    if (!b.caps.commentsApi) {
      b.notice('此版本的 Excel 不支持批注接口，加载项写入的批注未能删除。');
      return 'retain';
    }
    const c = b.comments.get(k);
    if (c === undefined || clearAction(c.content === e.applied) === 'keep') return 'keep';
    b.w(3 * ACTION, (x) => x.ctx.workbook.comments.getItem(c.id).delete());
    b.comments.delete(k);
    return 'restore';
  }
  if (b.caps.mode !== 'notes') {
    b.notice('此版本的 Excel 不支持备注接口（需要 ExcelApi 1.18），加载项写入的备注未能删除。');
    return 'retain';
  }
  if (clearAction((b.notes.get(k) ?? null) === e.applied) === 'keep') return 'keep';
  if (prior === null || prior === '') {
    b.w(4 * ACTION, (x) => x.sheet(sheet).notes.getItem(cell).delete());
    b.notes.set(k, null);
  } else {
    b.w(4 * ACTION + size(prior), (x) => {
      x.sheet(sheet).notes.getItem(cell).content = prior;
    });
    b.notes.set(k, prior);
  }
  return 'restore';
}

function clearValues(b: Build, e: ValuesEntry): Outcome {
  const k = cellKey(e.sheet, e.cell);
  const cur = b.values.get(k);
  const prior = officeFromStored(e.prior);
  // A prior Excel cannot take back exactly (a date or rich object from the .xlsx side) is left as it is now.
  if (cur === undefined || prior === null || clearAction(officeHolds(cur.value, cur.formula, e.applied)) === 'keep') return 'keep';
  const { sheet, cell, priorFormat } = e;
  b.w(5 * ACTION + size(prior), (x) => {
    const range = x.sheet(sheet).getRange(cell);
    if (priorFormat !== undefined) range.numberFormat = [[priorFormat]];
    if ('formula' in prior) range.formulas = [[prior.formula]];
    else range.values = [[prior.value]];
  });
  b.values.set(k, {
    value: 'formula' in prior ? null : prior.value,
    formula: 'formula' in prior ? prior.formula : prior.value,
    format: priorFormat ?? cur.format,
  });
  return 'restore';
}
