/**
 * The 单位换算 panel and its pieces outside a browser: the panel renders its choices and buttons; the preview
 * pipeline runs through the page's host on the real 元 workbook; the worker solver speaks the worker's protocol
 * (a fake Worker that answers with HiGHS in this process).
 */
import { readFileSync } from 'fs';
import { SSRProvider } from '@fluentui/react-components';
import { renderToString } from 'react-dom/server';
import { FileEngineHost } from '../src/adapters/xlsx/host';
import { HighsSolver, loadHighs } from '../src/adapters/solver/highs';
import { App } from '../src/ui/App';
import { previewConversion } from '../src/ui/convert/run';
import { WorkerSolver, type SolveRequest, type SolveResponse } from '../src/ui/convert/workerSolver';
import { SAMPLE_YUAN } from './convert-kit';

describe('单位换算 panel', () => {
  it('renders direction, scope, rounding and adjustment choices with 预览, 应用 (disabled until a preview) and 撤销换算', async () => {
    const host = await FileEngineHost.fromBuffer(readFileSync(SAMPLE_YUAN), '新平.xlsx');
    const html = renderToString(
      <SSRProvider>
        <App host={host} initialPanel="convert" />
      </SSRProvider>,
    );
    for (const text of [
      '换算方向',
      '元 → 万元',
      '万元 → 元',
      '全部公开表',
      '一张表',
      '受控舍入',
      '逐格四舍五入',
      '最少单元格',
      '最大项',
      '最后一项',
    ])
      expect(html).toContain(text);
    expect(html).toMatch(/data-testid="convert-preview"/);
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="convert-apply"|<button[^>]*data-testid="convert-apply"[^>]*disabled/);
    expect(html).toContain('撤销换算');
    // The page has no selection to offer.
    expect(html).not.toContain('所选区域');
  });

  it('the preview pipeline reads, recognises and plans through the host (no worker here: the linear pass and no solver)', async () => {
    const host = await FileEngineHost.fromBuffer(readFileSync(SAMPLE_YUAN), '新平.xlsx');
    const steps: string[] = [];
    const p = await previewConversion(host, { to: '万元' }, (_, text) => steps.push(text));
    expect(steps[0]).toBe('正在读取工作簿…');
    expect(steps[steps.length - 1]).toBe('换算方案已生成');
    expect(p.conversion.plan).not.toBeNull();
    expect(p.conversion.report.tables).toHaveLength(9);
  });

  it('WorkerSolver posts the problem and resolves with the worker’s answer', async () => {
    const highs = new HighsSolver(await loadHighs());
    class FakeWorker {
      onmessage: ((e: { data: SolveResponse }) => void) | null = null;
      onerror: ((e: { message: string }) => void) | null = null;
      postMessage(req: SolveRequest) {
        const r = req.tails ? highs.solveWithTails(req.problem) : highs.solve(req.problem);
        setTimeout(() => this.onmessage?.({ data: { id: req.id, up: r?.up ?? null, method: r?.method } }), 0);
      }
    }
    const g = globalThis as unknown as { Worker?: unknown };
    const before = g.Worker;
    g.Worker = FakeWorker;
    try {
      const problem = {
        vars: [
          { floor: 10, free: true, plain: 1 as const, weight: 100 },
          { floor: 4, free: true, plain: 0 as const, weight: 1 },
          { floor: 6, free: true, plain: 0 as const, weight: 2 },
        ],
        // 10.8 = 4.4 + 6.4 (hundredths): plain 11 ≠ 4 + 6; up0 − up1 − up2 = −(10 − 4 − 6) = 0.
        constraints: [
          {
            terms: [
              { v: 0, coef: 1 },
              { v: 1, coef: -1 },
              { v: 2, coef: -1 },
            ],
            rhs: 0,
            label: 't',
          },
        ],
      };
      const r = await new WorkerSolver().solve(problem);
      expect(r).not.toBeNull();
      expect(r!.up[0] - r!.up[1] - r!.up[2]).toBe(0);
      // The cheapest move off plain: the detail x1 up (not the total down).
      expect([...r!.up]).toEqual([1, 1, 0]);
    } finally {
      g.Worker = before;
    }
  });
});
