/**
 * Notes, and where they go when Excel lacks the API: notes (ExcelApi 1.18) → threaded comments (1.10) → a sheet
 * `审核说明`. What a note replaces and what text it gets is the ledger's decision (`noteToWrite`); a threaded
 * comment is never written over a user's (`via: 'comment'` entries record only our own).
 */
import { noteToWrite } from '../../../core/ledger';
import { ACTION, size } from './batch';
import type { Build } from './context';
import { cellKey, type Prepared } from './ops';
import { addSheet } from './sheets';
import { NOTES_SHEET } from './types';

type NoteOp = Extract<Prepared, { op: 'note' }>;

export function writeNote(b: Build, op: NoteOp): void {
  const c = op.cell;
  if (b.caps.mode === 'sheet') {
    b.noteRows.push([c.sheet, c.a1, op.text]);
    b.noteRowsTag ??= op.tag;
    b.report.notesWritten++;
    return;
  }
  if (b.protectedSheets.has(c.sheet)) {
    b.skip(c.sheet);
    return;
  }
  if (b.caps.mode === 'comments') writeComment(b, op);
  else writeNoteItem(b, op);
}

function writeNoteItem(b: Build, op: NoteOp): void {
  const c = op.cell;
  const k = cellKey(c.sheet, c.a1);
  const cur = b.notes.get(k) ?? null;
  const earlier = b.ledger.find('note', op.tag, c.sheet, c.a1);
  // A user's note is kept, ours below it. Noted again under the same tag, ours goes below the note that was there
  // before the first one (the recorded prior), never below our old text — that would stack it with every run
  // whenever the text no longer matches exactly (edited, or normalised by Excel). A note deleted since stays so.
  const { prior, applied } = noteToWrite(earlier, cur, op.text);
  if (cur === null)
    b.w(6 * ACTION + size(applied), (x) => {
      x.sheet(c.sheet).notes.add(x.sheet(c.sheet).getRange(c.a1), applied);
    });
  else
    b.w(4 * ACTION + size(applied), (x) => {
      x.sheet(c.sheet).notes.getItem(c.a1).content = applied;
    });
  b.notes.set(k, applied);
  b.ledger.replace(earlier, { kind: 'note', tag: op.tag, sheet: c.sheet, cell: c.a1, prior, applied });
  b.report.notesWritten++;
}

function writeComment(b: Build, op: NoteOp): void {
  const c = op.cell;
  const k = cellKey(c.sheet, c.a1);
  const earlier = b.ledger.find('note', op.tag, c.sheet, c.a1);
  const had = b.comments.get(k);
  const entry = { kind: 'note', tag: op.tag, sheet: c.sheet, cell: c.a1, prior: null, applied: op.text, via: 'comment' } as const;
  if (had && earlier && had.id !== '' && had.content === earlier.applied) {
    // Our own comment from an earlier plan under this tag: replace its text.
    const id = had.id;
    b.w(4 * ACTION + size(op.text), (x) => {
      x.ctx.workbook.comments.getItem(id).content = op.text;
    });
    b.comments.set(k, { id, content: op.text });
  } else if (had) {
    b.userComments++;
    return;
  } else {
    b.w(5 * ACTION + size(op.text), (x) => {
      x.ctx.workbook.comments.add(x.sheet(c.sheet).getRange(c.a1), op.text);
    });
    b.comments.set(k, { id: '', content: op.text });
  }
  b.ledger.replace(earlier, entry);
  b.report.notesWritten++;
}

/** After the ops: the notes sheet (no notes or comments API) and the notices of where the notes went. */
export function finishNotes(b: Build): void {
  if (b.noteRows.length > 0) {
    const name = addSheet(b, NOTES_SHEET, [['工作表', '单元格', '说明'], ...b.noteRows], b.noteRowsTag!);
    b.notice(`此版本的 Excel 不支持备注和批注，审核说明已写入工作表“${name}”。`);
  } else if (b.caps.mode === 'comments' && b.report.notesWritten > 0) {
    b.notice('此版本的 Excel 不支持备注（需要 ExcelApi 1.18），审核说明已写为批注。');
  }
  if (b.userComments > 0) b.notice(`${b.userComments} 个单元格已有批注，未在这些单元格写入审核说明（见任务窗格中的问题列表）。`);
}
