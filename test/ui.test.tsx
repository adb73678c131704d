import fs from 'fs';
import path from 'path';
import { SSRProvider } from '@fluentui/react-components';
import type { ReactElement } from 'react';
import { renderToString as rts } from 'react-dom/server';
import type { Finding, RecognisedTable, WritePlan } from '../src/core/model';
import type { KindOverride, WorkbookSnapshot } from '../src/core/snapshot';
import { SPECS } from '../src/core/specs/index';
import { readWorkbookBuffer } from '../src/adapters/xlsx/read';
import { FileEngineHost } from '../src/adapters/xlsx/host';
import { bytesOf, excelOf } from './xlsx-oracle';
import { OfficeHost } from '../src/adapters/office/host';
import { SEVERITY_LABELS, SEVERITY_ORDER as CORE_ORDER } from '../src/core/labels';
import { findingsSheetPlan, markFindingsPlan, SEVERITY_LABELS as PLAN_LABELS } from '../src/core/plans/index';
import { recognise } from '../src/core/recognise/index';
import { validate } from '../src/core/validate/index';
import { FakeWorkbook } from './fake-excel';
import { App } from '../src/ui/App';
import { EngineProvider } from '../src/ui/state';
import { CoverageLine } from '../src/ui/panels/audit/CoverageLine';
import { TableCard } from '../src/ui/panels/recognition/TableCard';
import { runAudit } from '../src/ui/engine';
import { sectionFindings } from '../src/ui/grouping';
import type { EngineHost } from '../src/core/host';
import { errorMessage, SEVERITY_LABEL, SEVERITY_ORDER } from '../src/ui/labels';
import { panelsFor, registerPanel, unregisterPanel } from '../src/ui/registry';
import { NOT_A_TABLE, specChoices, specLabel } from '../src/ui/specChoices';

/** Server rendering, as Fluent wants it (stable ids). */
function renderToString(el: ReactElement): string {
  return rts(<SSRProvider>{el}</SSRProvider>);
}

const SAMPLE = path.join(__dirname, '..', 'samples', '上饶市医疗保障局2022年度部门决算.xlsx');

class FakeHost implements EngineHost {
  readonly kind: 'excel' | 'file' = 'excel';
  plans: WritePlan[] = [];
  selected: string[][] = [];
  overrides: KindOverride[] = [];
  constructor(private snapshot: WorkbookSnapshot) {}
  readSnapshot(onProgress?: (p: number, text: string) => void) {
    onProgress?.(0.5, '读取中');
    onProgress?.(1, '读取完成');
    return Promise.resolve(this.snapshot);
  }
  applyPlan(plan: WritePlan) {
    this.plans.push(plan);
    return Promise.resolve({ notices: [] });
  }
  selectCells(a: string[]) {
    this.selected.push(a);
    return Promise.resolve();
  }
  loadOverrides() {
    return Promise.resolve(this.overrides);
  }
  saveOverrides(o: KindOverride[]) {
    this.overrides = o;
    return Promise.resolve();
  }
  capabilities() {
    return { notes: true, comments: false };
  }
}

const emptySnapshot: WorkbookSnapshot = { sheets: [{ name: 'Sheet1', cells: [], merges: [] }] };

function finding(severity: Finding['severity'], table: string | null, rule = 'r'): Finding {
  return { rule, severity, message: `${severity}@${table}`, cells: ['公开01表!A1'], expected: null, actual: null, table };
}

function table(id: string, label: string | null, title: string, sheet: string): RecognisedTable {
  return { id, label, title, sheet } as unknown as RecognisedTable;
}

describe('panel registry', () => {
  test('built-in panels are 审核, 识别, 单位换算, 模板; a registered panel appears in its order, hidden where unavailable', () => {
    const host = new FakeHost(emptySnapshot);
    expect(panelsFor(host).map((p) => `${p.id}:${p.label}`)).toEqual([
      'audit:审核',
      'recognition:识别',
      'convert:单位换算',
      'template:模板',
    ]);
    registerPanel({ id: 'extra', label: '另一项', order: 15, component: () => null });
    registerPanel({ id: 'office-only', label: '仅 Excel', order: 30, component: () => null, available: (h) => h.kind === 'file' });
    try {
      expect(panelsFor(host).map((p) => p.id)).toEqual(['audit', 'extra', 'recognition', 'convert', 'template']);
      const html = renderToString(<App host={host} />);
      expect(html).toContain('另一项');
      expect(html).not.toContain('仅 Excel');
    } finally {
      unregisterPanel('extra');
      unregisterPanel('office-only');
    }
    expect(panelsFor(host).map((p) => p.id)).toEqual(['audit', 'recognition', 'convert', 'template']);
  });

  test('the pane renders its tabs, the primary 审核 button and the host line; initialPanel picks the panel', () => {
    const host = new FakeHost(emptySnapshot);
    const html = renderToString(<App host={host} />);
    expect(html).toMatch(/role="tab"[^>]*aria-selected="true"[^>]*>.*?审核/);
    expect(html).toContain('data-testid="run-audit"');
    expect(html).toContain('Excel 加载项');
    const rec = renderToString(<App host={host} initialPanel="recognition" />);
    expect(rec).toContain('识别并审核');
    expect(rec).not.toContain('data-testid="run-audit"');
    // Unknown ids fall back to the first panel.
    expect(renderToString(<App host={host} initialPanel="nope" />)).toContain('data-testid="run-audit"');
  });
});

describe('grouping', () => {
  const tables = [table('公开01表!A1', '公开01表', '收入支出决算总表', '公开01表'), table('Sheet1!A20', null, '支出决算表', 'Sheet1')];
  const findings = [
    finding('info', null),
    finding('rounding', 'Sheet1!A20', 'a'),
    finding('error', 'Sheet1!A20', 'b'),
    finding('warning', '公开01表!A1'),
    finding('rounding', 'Sheet1!A20', 'c'),
  ];

  test('reading order: a section per severity, errors first, 尾差 and 提示 folded; tables in recognition order, workbook-level last', () => {
    const sec = sectionFindings(findings, tables, new Set(['error', 'warning', 'rounding', 'info']));
    expect(sec.map((x) => [x.severity, x.folded, x.count])).toEqual([
      ['error', false, 1],
      ['warning', false, 1],
      ['rounding', true, 2],
      ['info', true, 1],
    ]);
    expect(sec[0].groups.map((g) => [g.id, g.name, g.sub])).toEqual([['error:Sheet1!A20', '支出决算表', 'Sheet1']]);
    expect(sec[1].groups.map((g) => [g.id, g.name, g.sub])).toEqual([['warning:公开01表!A1', '公开01表 收入支出决算总表', '']]);
    expect(sec[2].groups.map((g) => g.findings.map((f) => f.rule))).toEqual([['a', 'c']]);
    expect(sec[3].groups.map((g) => [g.id, g.name])).toEqual([['info:_workbook', '跨表及工作簿']]);
  });

  test('a severity filter keeps only that section', () => {
    const sec = sectionFindings(findings, tables, new Set(['rounding']));
    expect(sec.map((x) => x.severity)).toEqual(['rounding']);
    expect(sec[0].groups[0].findings.map((f) => f.rule)).toEqual(['a', 'c']);
  });
});

describe('messages and choices', () => {
  test('errors read in Chinese: engine messages kept, Office codes explained, the rest prefixed', () => {
    expect(errorMessage(new Error('文件“a.xls”是旧版格式'), '打开工作簿')).toBe('打开工作簿失败：文件“a.xls”是旧版格式');
    expect(errorMessage({ code: 'AccessDenied', message: 'The operation is not allowed' }, '标记')).toBe(
      '标记失败：工作簿或工作表受保护，无法写入。',
    );
    expect(errorMessage(new Error('Network down'), '审核')).toBe('审核失败：Network down');
    expect(errorMessage(undefined, '审核')).toBe('审核失败：未知错误。');
  });

  test('every spec is a choice, named in Chinese with its variant; unknown ids stay selectable', () => {
    const choices = specChoices([{ specId: 'income/hunan', title: '收入决算表' } as RecognisedTable]);
    expect(choices.map((c) => c.id)).toEqual([...SPECS.map((s) => s.id), 'income/hunan']);
    expect(specLabel('three_public/jiangxi', choices)).toBe('财政拨款“三公”经费支出决算表（江西，竖排）');
    expect(specLabel('income_expense_summary/national', choices)).toBe('收入支出决算总表');
    expect(specLabel('income/hunan', choices)).toBe('收入决算表（hunan）');
    expect(choices.some((c) => c.id === NOT_A_TABLE)).toBe(false);
  });
});

describe('runAudit', () => {
  test('reads, recognises and validates the real sample, reporting progress in order', async () => {
    const snapshot = await readWorkbookBuffer(fs.readFileSync(SAMPLE), '上饶.xlsx');
    const host = new FakeHost(snapshot);
    const steps: [number, string][] = [];
    const r = await runAudit(host, (p, t) => steps.push([p, t]));
    expect(steps[0]).toEqual([0, '正在读取工作簿…']);
    expect(steps.slice(1, 3)).toEqual([
      [0.3, '读取中'],
      [0.6, '读取完成'],
    ]);
    expect(steps[3][0]).toBe(0.6);
    expect(steps[3][1]).toMatch(/^正在识别公开表（\d+ 个工作表，[\d,]+ 个单元格）…$/);
    expect(steps[steps.length - 1]).toEqual([1, '审核完成']);
    const ids = r.recognition.tables.map((t) => t.id);
    expect(ids.slice(0, 3)).toEqual(['公开01表!A1', '公开02表!A1', '公开03表!A1']);
    const tail = r.validation.findings.find((f) => f.rule === 'cross.summary_expense_class');
    expect(tail).toMatchObject({ severity: 'rounding', cells: ['公开01表!F15', '公开03表!E11'], tail: '-0.01' });
  });

  test('a failing host read rejects with its message', async () => {
    const host = new FakeHost(emptySnapshot);
    host.readSnapshot = () => Promise.reject(new Error('文件已损坏'));
    await expect(runAudit(host, () => undefined)).rejects.toThrow('文件已损坏');
  });
});

describe('coverage in the pane', () => {
  /** The sample with 公开03表's 基本支出 header printed as 日常支出: that column's 7 amounts are checked by nothing. */
  async function renamed() {
    const snapshot = await readWorkbookBuffer(fs.readFileSync(SAMPLE), '上饶.xlsx');
    for (const s of snapshot.sheets)
      if (s.name === '公开03表') s.cells = s.cells.map((c) => (c.value === '基本支出' ? { ...c, value: '日常支出' } : c));
    const validation = validate(recognise(snapshot));
    return { snapshot, validation, recognition: recognise(snapshot) };
  }

  test('the audit line sums the coverage; a table card says it and why, with a button to the unchecked cells', async () => {
    const { validation, recognition } = await renamed();
    const host = new FakeHost(emptySnapshot);
    const line = renderToString(<CoverageLine coverage={validation.coverage} />);
    const identities = validation.coverage.reduce((n, c) => n + c.identities, 0);
    expect(line).toContain(`核对 ${identities} 项，163 个金额中 7 个未参与任何核对（1 张表，详见“识别”）`);
    const t = recognition.tables.find((x) => x.sheet === '公开03表')!;
    const card = renderToString(
      <EngineProvider host={host}>
        <TableCard
          table={t}
          coverage={validation.coverage.find((c) => c.table === t.id)}
          selectedId={t.specId}
          corrected={false}
          choices={specChoices(recognition.tables)}
          onCorrect={() => undefined}
        />
      </EngineProvider>,
    );
    expect(card).toContain('核对覆盖');
    const own = validation.coverage.find((c) => c.table === t.id)!;
    expect([own.identities < 68, own.amounts, own.unchecked.length]).toEqual([true, 26, 7]);
    expect(card).toContain(`核对 ${own.identities} 项，26 个金额中 7 个未参与任何核对`);
    expect(card).toContain('表头“日常支出”不是本表表式中的栏目，栏目含义未知');
    expect(card.replace(/<!-- -->/g, '')).toContain('定位未核对的 7 个金额');
    const sample = await readWorkbookBuffer(fs.readFileSync(SAMPLE), '上饶.xlsx');
    const whole = validate(recognise(sample));
    expect(renderToString(<CoverageLine coverage={whole.coverage} />)).toContain('核对 436 项，163 个金额均参与核对');
  });
});

describe('one set of severity names', () => {
  test('the pane, the findings sheet and the notes all say 错误 / 警告 / 尾差 / 提示, in that order', () => {
    expect(SEVERITY_LABELS).toEqual({ error: '错误', warning: '警告', rounding: '尾差', info: '提示' });
    expect(CORE_ORDER).toEqual(['error', 'warning', 'rounding', 'info']);
    expect(SEVERITY_LABEL).toBe(SEVERITY_LABELS);
    expect(PLAN_LABELS).toBe(SEVERITY_LABELS);
    expect(SEVERITY_ORDER).toBe(CORE_ORDER);
  });
});

describe('hosts report what degraded when applying a plan', () => {
  test('OfficeHost on an Excel without notes (ExcelApi 1.17) says the marks became comments; 清除标记 says nothing', async () => {
    const snapshot = await readWorkbookBuffer(fs.readFileSync(SAMPLE), '上饶.xlsx');
    const wb = FakeWorkbook.fromSnapshot(snapshot, { excelApi: '1.17' });
    const host = new OfficeHost(wb.env(), { name: '上饶.xlsx' });
    const findings = validate(recognise(await host.readSnapshot())).findings;
    expect(await host.applyPlan(markFindingsPlan(findings))).toEqual({
      notices: ['此版本的 Excel 不支持备注（需要 ExcelApi 1.18），审核说明已写为批注。'],
    });
    expect(wb.commentAt('公开01表', 'F15')?.content).toContain('【尾差】');
    expect(await host.applyPlan({ title: '清除标记', ops: [{ op: 'clearTag', tag: 'juesuan:marks' }] })).toEqual({ notices: [] });
    expect(wb.commentAt('公开01表', 'F15')).toBeUndefined();
  });

  test('OfficeHost with notes (ExcelApi 1.18) has nothing to say', async () => {
    const snapshot = await readWorkbookBuffer(fs.readFileSync(SAMPLE), '上饶.xlsx');
    const wb = FakeWorkbook.fromSnapshot(snapshot);
    const host = new OfficeHost(wb.env());
    const findings = validate(recognise(await host.readSnapshot())).findings;
    expect(await host.applyPlan(markFindingsPlan(findings))).toEqual({ notices: [] });
  });

  test('FileEngineHost says where the findings went when the user has a sheet named 审核结果', async () => {
    const withSheet = await excelOf(fs.readFileSync(SAMPLE));
    withSheet.addWorksheet('审核结果').getCell('A1').value = '用户自己的表';
    const host = await FileEngineHost.fromBuffer(await bytesOf(withSheet), '上饶.xlsx');
    const rec = recognise(await host.readSnapshot());
    const { findings } = validate(rec);
    expect(await host.applyPlan(findingsSheetPlan(findings, rec))).toEqual({
      notices: ['工作簿中已有名为“审核结果”的工作表（未改动），内容已写入新工作表“审核结果 (2)”。'],
    });
    expect(await host.applyPlan(markFindingsPlan(findings))).toEqual({ notices: [] });
  });
});
