/** One workbook through the core: read → recognise → (validate → mark). The CLI only sequences these calls. */
import { promises as fs, readFileSync } from 'fs';
import * as path from 'path';
import { WorkbookReadError } from '../adapters/xlsx/errors';
import { nodeInflateRaw } from '../adapters/xlsx/file';
import { openWorkbook, snapshotOf, type OpenedWorkbook } from '../adapters/xlsx/read';
import { applyPlanToPackage } from '../adapters/xlsx/write/apply';
import { markFindingsPlan } from '../core/plans';
import { recognise } from '../core/recognise';
import { validate, type ValidationResult } from '../core/validate';
import type { Recognition } from '../core/model';
import type { WorkbookSnapshot } from '../core/snapshot';

export interface Analysis {
  file: string;
  snapshot: WorkbookSnapshot;
  recognition: Recognition;
  /** Absent for `inspect`. */
  validation?: ValidationResult;
  /** Where the marked copy was written (`check --mark`), and what the marks were. */
  marked?: { out: string; cells: number; notes: number; notices: string[] };
}

export interface Failure {
  file: string;
  /** Chinese, for the user. */
  error: string;
}

export type Outcome = ({ ok: true } & Analysis) | ({ ok: false } & Failure);

export interface AnalyseOptions {
  validate: boolean;
  /** Write a marked copy here (`check --mark`). */
  markTo?: string;
}

export async function analyse(file: string, options: AnalyseOptions): Promise<Outcome> {
  let opened: OpenedWorkbook;
  let snapshot: WorkbookSnapshot;
  try {
    opened = openWorkbook(readBytes(file), path.basename(file), nodeInflateRaw);
    snapshot = snapshotOf(opened, path.basename(file));
  } catch (e) {
    return { ok: false, file, error: describeReadError(e, file) };
  }
  // A failure past this point is a defect of the program, not of the file: say so plainly.
  let result: Analysis;
  try {
    const recognition = recognise(snapshot);
    const validation = options.validate ? validate(recognition) : undefined;
    result = { file, snapshot, recognition, validation };
    if (options.markTo !== undefined && validation) {
      const report = applyPlanToPackage(opened, markFindingsPlan(validation.findings));
      result.marked = { out: options.markTo, cells: report.cellsFilled, notes: report.notesWritten, notices: report.notices };
    }
  } catch (e) {
    return { ok: false, file, error: `处理时发生内部错误（请把此文件和以下信息反馈给开发者）：${errorText(e)}` };
  }
  if (result.marked) {
    try {
      await writeCopy(result.marked.out, opened.pkg.toBytes());
    } catch (e) {
      return { ok: false, file, error: `无法写入标记后的副本 ${result.marked.out}：${errorText(e)}` };
    }
  }
  return { ok: true, ...result };
}

/**
 * In one synchronous read: a job is CPU-bound, and an asynchronous read only adds four waits for libuv's thread
 * pool (open, stat, read, close), long ones on a busy machine.
 */
function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new WorkbookReadError('not-xlsx', `这是一个文件夹，不是 Excel 工作簿：${file}`, file);
    throw e;
  }
}

/** Written beside, then renamed: a copy is never left half-written. */
async function writeCopy(out: string, bytes: Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  await fs.writeFile(tmp, bytes);
  await fs.rename(tmp, out);
}

/** The reader throws WorkbookReadError with a Chinese message; anything else (fs errors) is worded here. */
export function describeReadError(e: unknown, file: string): string {
  if (e instanceof WorkbookReadError || (e instanceof Error && e.name === 'WorkbookReadError')) return e.message;
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return `找不到文件：${file}`;
  if (code === 'EACCES' || code === 'EPERM') return `没有权限读取文件：${file}`;
  if (code === 'EISDIR') return `这是一个目录，不是 .xlsx 文件：${file}`;
  return `无法读取文件 ${file}：${errorText(e)}`;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
