/**
 * The one set of severity names every front end shows (task pane, CLI text and HTML, findings sheet, cell notes),
 * and the order they are listed in: what must be fixed first comes first.
 */
import type { Severity } from './model';

export const SEVERITY_LABELS: Record<Severity, string> = {
  error: '错误',
  warning: '警告',
  rounding: '尾差',
  info: '提示',
};

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'rounding', 'info'];

/** Position in `SEVERITY_ORDER`: 0 for error … 3 for info. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, rounding: 2, info: 3 };
