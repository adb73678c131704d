/**
 * The pane as it runs in Excel: the same App, driven by the real office adapter (OfficeHost) over the strict
 * office.js fake (test/fake-excel) holding the bundled sample, 350 px wide, in Debian's chromium.
 * The test page (test/e2e/excel-pane/) is bundled with esbuild into test/.out/excel-pane/.
 */
import fs from 'fs';
import path from 'path';
import type { Page } from 'playwright-core';
import { MARK_COLORS } from '../../src/core/plans/index';
import { OUT, ROOT, foreignRequests, startHarness, watch, type Harness, type PageLog } from './harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const esbuild = require('esbuild') as typeof import('esbuild');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startServer } = require('../../scripts/serve.js') as {
  startServer: (o: { root: string; port: number }) => Promise<{ url: string; close(): Promise<void> }>;
};

const SAMPLE = '上饶市医疗保障局2022年度部门决算.xlsx';
const SITE = path.join(OUT, 'excel-pane');

let h: Harness;
let site: { url: string; close(): Promise<void> };
let page: Page;
let log: PageLog;

interface FakeView {
  selection: { sheet: string; address: string } | null;
  fill(sheet: string, row: number, col: number): string | null;
  note(sheet: string, a1: string): string | null;
}

/** Reads the fake workbook inside the page. */
async function fake(): Promise<FakeView> {
  const data = await page.evaluate(() => {
    const wb = (
      window as unknown as {
        __fake: {
          selection: unknown;
          sheets: { name: string; cells: Map<string, { fill?: { color: string } }>; notes: Map<string, string> }[];
        };
      }
    ).__fake;
    return {
      selection: wb.selection as { sheet: string; address: string } | null,
      fills: wb.sheets.map((s) => [s.name, [...s.cells].filter(([, c]) => c.fill).map(([k, c]) => [k, c.fill!.color])]),
      notes: wb.sheets.map((s) => [s.name, [...s.notes]]),
    };
  });
  const fills = new Map((data.fills as [string, [string, string][]][]).map(([n, f]) => [n, new Map(f)]));
  const notes = new Map((data.notes as [string, [string, string][]][]).map(([n, f]) => [n, new Map(f)]));
  return {
    selection: data.selection,
    fill: (sheet, row, col) => fills.get(sheet)?.get(`${row},${col}`) ?? null,
    note: (sheet, a1) => notes.get(sheet)?.get(a1) ?? null,
  };
}

beforeAll(async () => {
  h = await startHarness();
  fs.rmSync(SITE, { recursive: true, force: true });
  fs.mkdirSync(path.join(SITE, 'samples'), { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'excel-pane', 'entry.tsx')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    minify: true,
    outfile: path.join(SITE, 'pane.js'),
    logLevel: 'warning',
  });
  fs.copyFileSync(path.join(__dirname, 'excel-pane', 'index.html'), path.join(SITE, 'index.html'));
  fs.copyFileSync(path.join(ROOT, 'samples', SAMPLE), path.join(SITE, 'samples', SAMPLE));
  site = await startServer({ root: SITE, port: 0 });
  page = await h.browser.newPage({ viewport: { width: 350, height: 760 } });
  log = await watch(page);
  await page.goto(`${site.url}/index.html`);
  await page.waitForSelector('[data-testid="run-audit"]');
}, 300000);

afterAll(async () => {
  await page?.close();
  await site?.close();
  await h?.close();
});

test('审核 in the Excel pane, then a click selects the cell in Excel', async () => {
  expect(await page.locator('body').textContent()).toContain('Excel 加载项');
  await page.getByRole('button', { name: '审核', exact: true }).click();
  await page.waitForSelector('[data-testid="finding"]');
  // 尾差 are folded under the errors: open them.
  await page.locator('[data-testid="section-rounding"] button[aria-expanded="false"]').first().click();
  const tail = page.locator('[data-testid="finding"][data-rule="cross.summary_expense_class"]');
  expect(await tail.getAttribute('data-severity')).toBe('rounding');
  await tail.click();
  await page.waitForFunction(() => (window as unknown as { __fake: { selection: unknown } }).__fake.selection !== null);
  expect((await fake()).selection).toEqual({ sheet: '公开01表', address: 'F15' });
  await page.screenshot({ path: path.join(OUT, 'excel-pane-350-audit.png') });
});

test('标记 paints and notes through office.js; 清除标记 restores', async () => {
  await page.getByRole('button', { name: '标记', exact: true }).click();
  await page.waitForSelector('[data-testid="notice"] >> text=已标记');
  let f = await fake();
  // 公开01表!F15 is row 14, column 5 (0-based).
  expect(f.fill('公开01表', 14, 5)?.toUpperCase()).toBe(MARK_COLORS.rounding!.toUpperCase());
  // 公开03表!E11, the other side of the same tail.
  expect(f.fill('公开03表', 10, 4)?.toUpperCase()).toBe(MARK_COLORS.rounding!.toUpperCase());
  expect(f.fill('公开01表', 13, 5)).toBeNull();
  expect(f.note('公开01表', 'F15')).toContain('【尾差】');
  await page.screenshot({ path: path.join(OUT, 'excel-pane-350-marked.png') });
  await page.getByRole('button', { name: '清除标记', exact: true }).click();
  await page.waitForSelector('[data-testid="notice"] >> text=已清除标记');
  f = await fake();
  expect(f.fill('公开01表', 14, 5)).toBeNull();
  expect(f.fill('公开03表', 10, 4)).toBeNull();
  expect(f.note('公开01表', 'F15')).toBeNull();
});

test('with notes (ExcelApi 1.18) 标记 and 清除标记 show no informational message: nothing degraded', async () => {
  await page.getByRole('button', { name: '标记', exact: true }).click();
  await page.waitForSelector('[data-testid="notice"] >> text=已标记');
  expect(await page.getByTestId('apply-notices').count()).toBe(0);
  await page.getByRole('button', { name: '清除标记', exact: true }).click();
  await page.waitForSelector('[data-testid="notice"] >> text=已清除标记');
  expect(await page.getByTestId('apply-notices').count()).toBe(0);
});

test('on an Excel without notes (ExcelApi 1.17) 标记 writes comments and the pane says so', async () => {
  const p2 = await h.browser.newPage({ viewport: { width: 350, height: 760 } });
  const log2 = await watch(p2);
  await p2.goto(`${site.url}/index.html?excelApi=1.17`);
  await p2.getByRole('button', { name: '审核', exact: true }).click();
  await p2.waitForSelector('[data-testid="finding"]');
  await p2.getByRole('button', { name: '标记', exact: true }).click();
  await p2.waitForSelector('[data-testid="notice"] >> text=已标记');
  const info = p2.getByTestId('apply-notices');
  await info.waitFor();
  expect(await info.textContent()).toBe('此版本的 Excel 不支持备注（需要 ExcelApi 1.18），审核说明已写为批注。');
  // An informational MessageBar, under the success message.
  expect(await info.getAttribute('data-intent')).toBe('info');
  expect(await p2.getByTestId('notice').getAttribute('data-intent')).toBe('success');
  // Shown whole, above the buttons: the list below scrolls, the messages are never squeezed.
  const bar = (await info.boundingBox())!;
  const run = (await p2.getByTestId('run-audit').boundingBox())!;
  expect(bar.y + bar.height).toBeLessThanOrEqual(run.y);
  expect(await info.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  expect(
    await p2.evaluate(() => {
      const wb = (window as unknown as { __fake: { comments: { sheet: { name: string }; cell: string; content: string }[] } }).__fake;
      return wb.comments.filter((c) => c.sheet.name === '公开01表' && c.cell === 'F15').map((c) => c.content.includes('【尾差】'));
    }),
  ).toEqual([true]);
  await p2.screenshot({ path: path.join(OUT, 'excel-pane-350-comments-notice.png') });
  // Dismissable; the next job clears it.
  await p2.getByRole('button', { name: '关闭说明' }).click();
  expect(await info.count()).toBe(0);
  await p2.getByRole('button', { name: '清除标记', exact: true }).click();
  await p2.waitForSelector('[data-testid="notice"] >> text=已清除标记');
  expect(await p2.getByTestId('apply-notices').count()).toBe(0);
  expect(await p2.evaluate(() => (window as unknown as { __fake: { comments: unknown[] } }).__fake.comments.length)).toBe(0);
  expect(foreignRequests(log2, site.url)).toEqual([]);
  expect(log2.errors).toEqual([]);
  expect(log2.cspViolations).toEqual([]);
  await p2.close();
});

test('the Excel pane made no request outside its origin and broke no CSP rule', () => {
  expect(foreignRequests(log, site.url)).toEqual([]);
  expect(log.failed).toEqual([]);
  expect(log.cspViolations).toEqual([]);
  expect(log.errors).toEqual([]);
});
