/**
 * A plan's ops → the writes that carry them out, from what the ops will replace (the probe, or the last read):
 * every change, the ledger as it will be, and the record sheet's writes around them.
 */
import type { LedgerEntry } from '../../../core/ledger';
import { keepsSheet, recordSheetWrites, sameLedger } from '../records';
import type { Write } from './batch';
import { clearTag } from './clear';
import { Build } from './context';
import { writeFill, writeFormulas, writeValues } from './marks';
import { finishNotes, writeNote } from './notes';
import { sheetOf, type Prepared } from './ops';
import type { Probe } from './probe';
import { addSheet } from './sheets';
import { addTemplateSheet } from './template';
import type { Caps, OfficeApplyReport } from './types';

export interface BuiltPlan {
  /** The changes, in op order (without the record sheet's writes: see `recordWrites`). */
  writes: Write[];
  /** The ledger after the plan. */
  records: LedgerEntry[];
  /** What the ledger names while the batch runs: every entry old and new, so a batch cut short can still be cleared. */
  union: LedgerEntry[];
  report: OfficeApplyReport;
  namesAfter: string[];
}

/** Throws (Chinese) before anything is queued when an op names a sheet that does not exist. */
export function build(title: string, ops: Prepared[], p: Probe, caps: Caps, perSync: number): BuiltPlan {
  const b = new Build(p, caps, perSync);
  for (const op of ops) {
    const sheet = sheetOf(op);
    if (sheet !== null && !b.exists(sheet)) throw new Error(`“${title}”无法执行：工作簿中没有名为“${sheet}”的工作表`);
  }
  for (const op of ops) {
    switch (op.op) {
      case 'clearTag':
        clearTag(b, op.tag);
        break;
      case 'fill':
        writeFill(b, op);
        break;
      case 'note':
        writeNote(b, op);
        break;
      case 'setValues':
        writeValues(b, op);
        break;
      case 'setFormulas':
        writeFormulas(b, op);
        break;
      case 'addSheet':
        addSheet(b, op.name, op.rows, op.tag);
        break;
      case 'addTemplateSheet':
        addTemplateSheet(b, op.sheet, op.tag);
        break;
    }
  }
  finishNotes(b);
  for (const [s, n] of b.skipped) b.notice(`工作表“${s}”受保护，${n} 处未能写入或恢复。请取消工作表保护后重试。`);
  const records = b.entries();
  const union = [...p.records, ...records.filter((e) => !p.records.includes(e))];
  return { writes: b.writes, records, union, report: b.report, namesAfter: b.names };
}

/**
 * The record sheet's writes: `first` (before the changes) puts down the union of old and new entries, `last`
 * (after them) the ledger as it ends, or deletes the sheet when nothing is left to remember.
 */
export function recordWrites(p: Probe, plan: BuiltPlan, perSync: number): { first: Write[]; last: Write[] } {
  const first: Write[] = [];
  const last: Write[] = [];
  let exists = p.recordSheet;
  let stored = p.records;
  if ((keepsSheet(plan.union) || keepsSheet(plan.records)) && !exists && p.workbookProtected) {
    throw new Error('工作簿结构受保护，无法保存标记记录（需要添加隐藏工作表 _juesuan）。请先取消“保护工作簿”后重试。');
  }
  if (keepsSheet(plan.union) && !sameLedger(plan.union, stored)) {
    first.push(...recordSheetWrites(plan.union, exists, perSync));
    exists = true;
    stored = plan.union;
  }
  if (!keepsSheet(plan.records)) {
    if (exists && p.workbookProtected) throw new Error('工作簿结构受保护，无法删除隐藏工作表 _juesuan。请先取消“保护工作簿”后重试。');
    last.push(...recordSheetWrites(plan.records, exists, perSync));
  } else if (!sameLedger(plan.records, stored)) {
    last.push(...recordSheetWrites(plan.records, exists, perSync));
  }
  return { first, last };
}
