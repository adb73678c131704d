/** Chinese names the pane shows for engine identifiers. */
import type { Severity } from '../core/model';
import { SEVERITY_LABELS, SEVERITY_ORDER as ORDER } from '../core/labels';

/** The shared order and names (src/core/labels.ts): the pane says what the CLI and the findings sheet say. */
export const SEVERITY_ORDER: readonly Severity[] = ORDER;
export const SEVERITY_LABEL: Record<Severity, string> = SEVERITY_LABELS;

/** `0.93` → `93%`. */
export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

const CJK = /[\u4e00-\u9fff]/;

/**
 * A readable Chinese message for any failure. Engine and adapters already throw Chinese messages; Office and
 * browser errors arrive in English and get a Chinese lead.
 */
export function errorMessage(err: unknown, doing: string): string {
  const raw =
    err instanceof Error
      ? err.message
      : typeof err === 'string'
        ? err
        : err && typeof err === 'object' && 'message' in err
          ? String(err.message)
          : '';
  const code = err && typeof err === 'object' && 'code' in err ? String(err.code) : '';
  if (raw && CJK.test(raw)) return `${doing}失败：${raw}`;
  const hint: Record<string, string> = {
    InvalidArgument: '参数无效（工作表或单元格地址可能已变更）',
    ItemNotFound: '找不到指定的工作表或单元格',
    AccessDenied: '工作簿或工作表受保护，无法写入',
    InsertDeleteConflict: '操作与表格结构冲突',
    GeneralException: 'Excel 内部错误，请稍后重试',
    RequestPayloadSizeLimitExceeded: '一次写入的数据过多',
  };
  const known = hint[code];
  if (known) return `${doing}失败：${known}。`;
  return raw ? `${doing}失败：${raw}` : `${doing}失败：未知错误。`;
}
