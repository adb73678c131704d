/**
 * 单位换算 in the standalone page (Debian chromium, headless): open the real 元 workbook (新平县, seed 001), 预览
 * lists every adjusted cell (HiGHS runs in a Web Worker, its WebAssembly served from the page's own origin),
 * 应用 converts the grid to 万元, the downloaded workbook checks with no 尾差, 撤销换算 gives the 元 figures back.
 * Screenshots go to test/.out/.
 */
import fs from 'fs';
import path from 'path';
import type { Page } from 'playwright-core';
import { readWorkbookBuffer } from '../../src/adapters/xlsx/read';
import { recognise } from '../../src/core/recognise/index';
import { validate } from '../../src/core/validate/index';
import { OUT, ROOT, foreignRequests, startHarness, watch, type Harness, type PageLog } from './harness';

const FILE = path.join(ROOT, 'samples', '新平县医疗保障局2022年度部门决算.xlsx');

let h: Harness;
let page: Page;
let log: PageLog;

beforeAll(async () => {
  h = await startHarness();
  page = await h.browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  log = await watch(page);
  await page.goto(`${h.url}/index.html`);
  await page.getByTestId('file-input').setInputFiles(FILE);
  await page.waitForSelector('table.sheet td[data-addr="A1"]');
}, 300000);

afterAll(async () => {
  await page?.close();
  await h?.close();
});

const paneTab = (name: string) => page.getByTestId('juesuan-pane').getByRole('tab', { name, exact: true });
const cell = (addr: string) => page.locator(`table.sheet td[data-addr="${addr}"]`);

/** Shows 审核 (which checks again after a conversion or its undo), then the unit 识别 found for 公开01表. */
async function auditedUnit(): Promise<string | null> {
  await paneTab('审核').click();
  await page.waitForSelector('[data-testid="audit-meta"]');
  await page.waitForSelector('[data-testid="audit-stale"]', { state: 'detached' });
  await paneTab('识别').click();
  return page.getByTestId('recognised-table').first().locator('dt:text-is("金额单位") + dd').textContent();
}

test('预览 lists the 24 cells moved off plain rounding and no tail; HiGHS ran in the worker from our own origin', async () => {
  await paneTab('审核').click();
  await page.getByTestId('run-audit').click();
  expect(await auditedUnit()).toBe('元');
  await paneTab('单位换算').click();
  await page.getByTestId('convert-preview').click();
  await page.waitForSelector('[data-testid="convert-report"]');
  expect(await page.getByTestId('convert-adjusted').count()).toBe(24);
  expect(await page.getByTestId('convert-tail').count()).toBe(0);
  expect(await page.getByTestId('convert-adjusted').first().textContent()).toBe('公开02表!E17 21.939296 → 21.94 → 21.93');
  expect(await page.getByTestId('convert-report').textContent()).toContain('无尾差');
  expect(log.requests.some((u) => u.endsWith('/js/highs-worker.js'))).toBe(true);
  expect(log.requests.some((u) => u.endsWith('/js/highs.wasm'))).toBe(true);
  await page.locator('aside.pane').screenshot({ path: path.join(OUT, 'pane-convert-preview.png') });
});

test('应用 converts the grid to 万元; the download checks with no 尾差; 撤销换算 restores the 元 figures', async () => {
  expect(await cell('C7').textContent()).toBe('4,593,144.30');
  await page.getByTestId('convert-apply').click();
  await page.waitForSelector('[data-testid="notice"] >> text=已换算为万元');
  // The page shows the notes sheet it added: every moved cell with its exact, plain and published value.
  expect(await page.locator('.sheet-tabs [role="tab"][aria-selected="true"]').textContent()).toBe('单位换算说明');
  expect(await cell('A2').textContent()).toBe('公开02表!E17');
  await page.screenshot({ path: path.join(OUT, 'web-convert-notes.png') });
  await page.locator('.sheet-tabs [role="tab"]', { hasText: '公开01表' }).click();
  await page.waitForFunction(() => document.querySelector('table.sheet td[data-addr="C7"]')?.textContent === '459.31');
  expect(await page.locator('table.sheet td', { hasText: '金额单位：万元' }).count()).toBe(1);
  await page.screenshot({ path: path.join(OUT, 'web-converted.png') });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  const saved = path.join(OUT, 'converted-wan.xlsx');
  await download.saveAs(saved);
  const findings = validate(recognise(await readWorkbookBuffer(fs.readFileSync(saved), 'x.xlsx'))).findings;
  expect(findings.filter((f) => f.severity === 'rounding')).toEqual([]);
  // 审核 does not keep showing the findings of the 元 figures: it checks the converted workbook again.
  expect(await auditedUnit()).toBe('万元');
  await paneTab('单位换算').click();

  await page.getByTestId('convert-undo').click();
  await page.waitForSelector('[data-testid="notice"] >> text=已撤销换算');
  await page.locator('.sheet-tabs [role="tab"]', { hasText: '公开01表' }).click();
  await page.waitForFunction(() => document.querySelector('table.sheet td[data-addr="C7"]')?.textContent === '4,593,144.30');
  expect(await auditedUnit()).toBe('元');
  expect(foreignRequests(log, h.url)).toEqual([]);
  expect(log.errors).toEqual([]);
  expect(log.cspViolations).toEqual([]);
});
