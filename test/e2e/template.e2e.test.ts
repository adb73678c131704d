/**
 * 模板 in the standalone page (Debian chromium, headless): open the real 江西 workbook (上饶, seed 000), insert the
 * 云南 set: the kinds the workbook already holds are listed and left out, the others appear as new sheets in the
 * grid (title, header, lines, totals as formulas showing their cached 0.00), the downloaded workbook recognises
 * them; 撤销插入 removes them again. Screenshots go to test/.out/.
 */
import fs from 'fs';
import path from 'path';
import type { Page } from 'playwright-core';
import { readWorkbookBuffer } from '../../src/adapters/xlsx/read';
import { recognise } from '../../src/core/recognise/index';
import { OUT, ROOT, foreignRequests, startHarness, watch, type Harness, type PageLog } from './harness';

const FILE = path.join(ROOT, 'samples', '上饶市医疗保障局2022年度部门决算.xlsx');

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

const tab = (name: string) => page.locator('.sheet-tabs [role="tab"]', { hasText: name });

test('插入 the 云南 set: present kinds listed and left out, the others as new sheets with live totals', async () => {
  await page.getByRole('tab', { name: '模板' }).click();
  await page.getByRole('radio', { name: '云南' }).check();
  await page.getByTestId('template-year').fill('2023');
  await page.getByTestId('template-org').fill('上饶市医疗保障局');
  await page.locator('aside.pane').screenshot({ path: path.join(OUT, 'pane-template.png') });
  await page.getByTestId('template-insert').click();
  await page.waitForSelector('[data-testid="notice"] >> text=已插入');
  const skipped = await page.getByTestId('template-skipped').allTextContents();
  expect(skipped).toContain('工作表“公开01表”已有收入支出决算总表，未再插入');
  expect(skipped.length).toBe(6);
  const notice = (await page.getByTestId('notice').textContent()) ?? '';
  expect(notice).toContain('已插入 5 张表：公开05表 (2)、公开07表 (2)、公开10表 (2)、公开11表、公开12表');

  await tab('公开10表 (2)').click();
  await page.waitForFunction(
    () => document.querySelector('table.sheet td[data-addr="A1"]')?.textContent === '“三公”经费、行政参公单位机关运行经费情况表',
  );
  expect(await page.locator('table.sheet td[data-addr="E7"]').textContent()).toBe('0.00');
  expect(await page.locator('table.sheet td', { hasText: '金额单位：万元' }).count()).toBe(1);
  await page.screenshot({ path: path.join(OUT, 'web-template-10.png') });
  await tab('公开05表 (2)').click();
  await page.waitForFunction(
    () => document.querySelector('table.sheet td[data-addr="A1"]')?.textContent === '一般公共预算财政拨款收入支出决算表',
  );
  await page.screenshot({ path: path.join(OUT, 'web-template-05.png') });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  const saved = path.join(OUT, 'template-inserted.xlsx');
  await download.saveAs(saved);
  const kinds = recognise(await readWorkbookBuffer(fs.readFileSync(saved), 'x.xlsx')).tables.map((t) => `${t.sheet} ${t.kind}`);
  expect(kinds).toEqual(
    expect.arrayContaining(['公开05表 (2) gpb_income_expense', '公开10表 (2) three_public_admin', '公开11表 asset_usage']),
  );
});

test('撤销插入 removes the inserted sheets', async () => {
  await page.getByTestId('template-undo').click();
  await page.waitForSelector('[data-testid="notice"] >> text=已删除插入的模板工作表');
  expect(await tab('公开10表 (2)').count()).toBe(0);
  expect(await tab('公开10表').count()).toBe(1);
  expect(foreignRequests(log, h.url)).toEqual([]);
  expect(log.errors).toEqual([]);
  expect(log.cspViolations).toEqual([]);
});
