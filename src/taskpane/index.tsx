/**
 * Add-in entry (taskpane.html): mounts the shared pane on Excel through OfficeHost once office.js is ready.
 * `?action=check` (the ribbon's 一键审核) opens the pane on the 审核 panel and runs the check at once.
 */
import { createRoot } from 'react-dom/client';
import { officeEnv } from '../adapters/office/env';
import { OfficeHost } from '../adapters/office/host';
import { App } from '../ui/App';

const params = new URLSearchParams(window.location.search);
const check = params.get('action') === 'check';

/** `决算公开.xlsx` from the document URL, for messages; undefined for a new unsaved workbook. */
function workbookName(): string | undefined {
  const url = Office.context.document?.url;
  if (!url) return undefined;
  const last = url.split(/[\\/]/).pop() ?? '';
  try {
    return decodeURIComponent(last.split('?')[0]) || undefined;
  } catch {
    return last || undefined;
  }
}

function showError(root: HTMLElement, text: string): void {
  const p = document.createElement('p');
  p.className = 'boot-error';
  p.textContent = text;
  root.replaceChildren(p);
}

void Office.onReady((info) => {
  const root = document.getElementById('root');
  if (!root) return;
  if (info.host !== Office.HostType.Excel) {
    showError(root, '决算公开助手只能在 Excel 中使用。');
    return;
  }
  if (!Office.context.requirements.isSetSupported('ExcelApi', '1.13')) {
    showError(root, '此版本的 Excel 太旧（需要 ExcelApi 1.13 或更高，即 Microsoft 365 / Excel 2021 及以上或 Excel 网页版）。');
    return;
  }
  const host = new OfficeHost(officeEnv(), { name: workbookName() });
  // Lists the sheets while the pane paints, so the check itself reads the workbook in one round trip.
  host.prepareInBackground();
  createRoot(root).render(<App host={host} autoRun={check} initialPanel={check ? 'audit' : undefined} />);
});
