/**
 * The audit pipeline the pane runs: read → recognise → validate. Plain async code outside React so the pane can
 * show progress between the stages; each stage yields to the browser first so the progress bar paints.
 */
import type { Recognition } from '../core/model';
import type { WorkbookSnapshot } from '../core/snapshot';
import { recognise } from '../core/recognise/index';
import { validate, type ValidationResult } from '../core/validate/index';
import type { EngineHost } from '../core/host';

export interface AuditResult {
  snapshot: WorkbookSnapshot;
  recognition: Recognition;
  validation: ValidationResult;
  /** Milliseconds per stage, for the status line. */
  timings: { read: number; recognise: number; validate: number };
}

export type ProgressFn = (p: number, text: string) => void;

/**
 * Lets the browser paint the progress before the next stage blocks the thread: a setTimeout(0) alone often runs
 * before the next frame. Waits for the next animation frame, but at most 100 ms (frames stop in hidden tabs).
 */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        resolve();
      }
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(finish, 0));
    setTimeout(finish, typeof requestAnimationFrame === 'function' ? 100 : 0);
  });
}

export async function runAudit(host: EngineHost, onProgress: ProgressFn): Promise<AuditResult> {
  const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
  onProgress(0, '正在读取工作簿…');
  await yieldToBrowser();
  let t = now();
  const snapshot = await host.readSnapshot((p, text) => onProgress(Math.min(0.6, p * 0.6), text));
  const read = now() - t;

  const cells = snapshot.sheets.reduce((n, s) => n + s.cells.length, 0);
  onProgress(0.6, `正在识别公开表（${snapshot.sheets.length} 个工作表，${cells.toLocaleString('zh-CN')} 个单元格）…`);
  await yieldToBrowser();
  t = now();
  const recognition = recognise(snapshot);
  const rec = now() - t;

  onProgress(0.8, `正在审核 ${recognition.tables.length} 张表…`);
  await yieldToBrowser();
  t = now();
  const validation = validate(recognition);
  const val = now() - t;
  onProgress(1, '审核完成');
  return { snapshot, recognition, validation, timings: { read, recognise: rec, validate: val } };
}
