/**
 * One file of a `juesuan` run, from path to printed text: the unit of work of the worker pool. Everything a
 * job returns is plain data (text, counts), so a worker thread can hand it back to the main thread.
 */
import type { Outcome } from './analyse';
import type { Command, Format } from './args';
import { FileReport, failureHtml, type OverviewRow } from './html';
import { checkJson, failureJson, inspectJson, severityCounts } from './json';
import { checkText, failureText, inspectText } from './text';

export interface Job {
  index: number;
  file: string;
  /** Set when the input was rejected before reading (an empty directory). */
  error?: string;
  command: Command;
  format: Format;
  /** One JSON line per file, and a blank line between text reports. */
  batch: boolean;
  markTo?: string;
  /** `--all`: 尾差 and 提示 listed in full in text reports. */
  all?: boolean;
}

export interface JobResult {
  index: number;
  file: string;
  /** What to print for this file (JSON line, text report, or an HTML section). */
  output: string;
  overview?: OverviewRow;
  unreadable: boolean;
  /** `check` found at least one error. */
  anyError: boolean;
  /** Chinese message for stderr, when the file could not be read or written. */
  error?: string;
  /** Chinese lines for stderr about the marked copy. */
  notes: string[];
}

export async function runJob(job: Job): Promise<JobResult> {
  const check = job.command === 'check';
  const { analyse } = await import('./analyse');
  const outcome: Outcome = job.error
    ? { ok: false, file: job.file, error: job.error }
    : await analyse(job.file, { validate: check, markTo: job.markTo });
  const base = { index: job.index, file: job.file, notes: [] as string[] };
  if (!outcome.ok) {
    const output =
      job.format === 'json'
        ? JSON.stringify(failureJson(outcome), null, job.batch ? undefined : 2) + '\n'
        : job.format === 'html'
          ? failureHtml(outcome, job.index)
          : job.batch
            ? (job.index > 0 ? '\n' : '') + failureText(outcome)
            : '';
    const overview = job.format === 'html' ? { file: outcome.file, tables: null, counts: null, error: outcome.error } : undefined;
    return { ...base, output, overview, unreadable: true, anyError: false, error: outcome.error };
  }
  const counts = severityCounts(outcome);
  let output: string;
  let overview: OverviewRow | undefined;
  if (job.format === 'json')
    output = JSON.stringify(check ? checkJson(outcome) : inspectJson(outcome), null, job.batch ? undefined : 2) + '\n';
  else if (job.format === 'html') {
    output = new FileReport(outcome, job.index).render();
    overview = { file: outcome.file, tables: outcome.recognition.tables.length, counts, error: null };
  } else output = (job.index > 0 ? '\n' : '') + (check ? checkText(outcome, { all: job.all }) : inspectText(outcome));
  const notes = outcome.marked
    ? [
        `已写入标记副本：${outcome.marked.out}（标记 ${outcome.marked.cells} 个单元格，批注 ${outcome.marked.notes} 条）`,
        ...outcome.marked.notices,
      ]
    : [];
  return { ...base, output, overview, notes, unreadable: false, anyError: check && counts.error > 0 };
}
