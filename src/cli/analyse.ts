/** One workbook through the core: read → recognise → (validate). The CLI only sequences these calls. */
import { WorkbookReadError } from '../adapters/xlsx/errors';
import { readWorkbookFile } from '../adapters/xlsx/file';
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
}

export interface Failure {
  file: string;
  /** Chinese, for the user. */
  error: string;
}

export type Outcome = ({ ok: true } & Analysis) | ({ ok: false } & Failure);

export async function analyse(file: string, withValidation: boolean): Promise<Outcome> {
  let snapshot: WorkbookSnapshot;
  try {
    snapshot = await readWorkbookFile(file);
  } catch (e) {
    return { ok: false, file, error: describeReadError(e, file) };
  }
  // A failure past this point is a defect of the program, not of the file: say so plainly.
  try {
    const recognition = recognise(snapshot);
    const validation = withValidation ? validate(recognition) : undefined;
    return { ok: true, file, snapshot, recognition, validation };
  } catch (e) {
    return { ok: false, file, error: `处理时发生内部错误（请把此文件和以下信息反馈给开发者）：${errorText(e)}` };
  }
}

/** The reader throws WorkbookReadError with a Chinese message; anything else (fs errors) is worded here. */
export function describeReadError(e: unknown, file: string): string {
  if (e instanceof WorkbookReadError || (e instanceof Error && e.name === 'WorkbookReadError')) return e.message;
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return `找不到文件：${file}`;
  if (code === 'EACCES' || code === 'EPERM') return `没有权限读取文件：${file}`;
  if (code === 'EISDIR') return `这是一个目录，不是 .xlsx 文件：${file}`;
  return `无法读取文件 ${file}：${errorText(e)}`;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
