/**
 * Ribbon function file (commands.html). 一键审核 and 打开助手 open the task pane; 清除标记 runs here, without a
 * pane: it undoes the marks of the last check through OfficeHost (the records live in the workbook).
 * A function has no UI: success shows in the cells themselves; a failure, or something left undone (protected
 * sheet, cells the user changed), opens a small dialog — this same page with `?message=`.
 */
import { officeEnv } from '../adapters/office/env';
import { OfficeHost } from '../adapters/office/host';
import { clearMarksPlan } from '../core/plans/index';

export interface ClearOutcome {
  /** Chinese summary line. */
  text: string;
  /** Worth interrupting the user for. */
  tell: boolean;
}

/** Runs 清除标记 and says what happened. */
export async function clearMarks(host: OfficeHost): Promise<ClearOutcome> {
  const report = await host.applyPlanWithReport(clearMarksPlan());
  if (report.restored === 0 && report.keptUserChanges === 0 && report.notices.length === 0) {
    return { text: '没有需要清除的审核标记。', tell: false };
  }
  const kept = report.keptUserChanges > 0 ? `；${report.keptUserChanges} 处单元格在标记后被改过，保持原样` : '';
  const text = [`已清除审核标记，恢复 ${report.restored} 处${kept}。`, ...report.notices].join('\n');
  return { text, tell: report.keptUserChanges > 0 || report.notices.length > 0 };
}

function tell(text: string): void {
  const url = `${window.location.origin}${window.location.pathname}?message=${encodeURIComponent(text)}`;
  Office.context.ui.displayDialogAsync(url, { height: 25, width: 30, displayInIframe: true });
}

const message = typeof window !== 'undefined' ? new URLSearchParams(window.location.search).get('message') : null;

if (message !== null) {
  // Opened as the dialog: show the text (the user closes the dialog with its own close button).
  document.body.style.cssText = "margin:16px;font:14px 'Segoe UI','Microsoft YaHei',sans-serif;white-space:pre-wrap";
  document.body.textContent = message;
} else if (typeof Office !== 'undefined') {
  void Office.onReady(() => {
    Office.actions.associate('clearMarks', (event: Office.AddinCommands.Event) => {
      clearMarks(new OfficeHost(officeEnv()))
        .then((r) => {
          if (r.tell) tell(r.text);
        })
        .catch((e: unknown) => tell(`清除标记失败：${e instanceof Error ? e.message : String(e)}`))
        .finally(() => event.completed());
    });
  });
}
