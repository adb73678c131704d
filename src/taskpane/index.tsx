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

/** The standalone page, relative to this one (both are served from the same folder), with the bundled sample. */
const STANDALONE_HREF = 'index.html?sample=1';

/**
 * Outside Excel (a browser, WPS, another Office app): say so, and point to the standalone page, which runs the
 * same checks on a workbook opened in the browser.
 */
function showOutsideExcel(root: HTMLElement): void {
  const box = document.createElement('div');
  box.className = 'outside';
  box.setAttribute('data-testid', 'outside-excel');
  const h = document.createElement('h1');
  h.textContent = '决算公开助手只能在 Excel 中使用。';
  const why = document.createElement('p');
  why.textContent =
    '使用 WPS 表格、或没有 Microsoft 365 / 新版 Excel 的用户，可以改用本地网页版：在浏览器中打开 .xlsx 工作簿，识别和审核与加载项完全相同，工作簿不会上传，数据不离开本机。';
  const go = document.createElement('p');
  const a = document.createElement('a');
  a.href = STANDALONE_HREF;
  a.textContent = '打开本地网页版（先看示例工作簿）';
  go.append(a);
  const hint = document.createElement('p');
  hint.className = 'hint';
  hint.textContent = '在网页版中点“打开 .xlsx 文件”换成自己的工作簿；标记后点“下载修改后的工作簿”保存结果。';
  box.append(h, why, go, hint);
  root.replaceChildren(box);
}

void Office.onReady((info) => {
  const root = document.getElementById('root');
  if (!root) return;
  if (info.host !== Office.HostType.Excel) {
    showOutsideExcel(root);
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
