/** The spec data and the classification lists: consistent with docs/KEYS.md and the seeds. */
import { readFileSync } from 'fs';
import { join } from 'path';
import { ECONOMIC_CODES, FUNCTION_CLASSES, KNOWN_FUNCTION_CODES, functionClassByName } from '../src/core/classification';
import type { TableKind } from '../src/core/model';
import { matchName, matchPath } from '../src/core/recognise/pattern';
import { SPECS, specById } from '../src/core/specs';
import { lineKeyText, stripLineOrdinal } from '../src/core/text';
import { SEEDS } from './fixtures';

const KEYS_MD = readFileSync(join(__dirname, '..', 'docs', 'KEYS.md'), 'utf8');

const ALL_KINDS: TableKind[] = [
  'income_expense_summary',
  'income',
  'expense',
  'fiscal_summary',
  'gpb_expense',
  'gpb_income_expense',
  'gpb_basic',
  'gpb_project_economic',
  'gov_fund',
  'state_capital',
  'three_public',
  'three_public_admin',
  'asset_occupancy',
  'asset_usage',
  'perf_department',
  'perf_project',
];

describe('specs', () => {
  test('one spec per table and variant; every kind covered', () => {
    expect(SPECS.map((s) => s.id)).toEqual([
      'income_expense_summary/national',
      'income/national',
      'expense/national',
      'fiscal_summary/national',
      'gpb_expense/national',
      'gpb_income_expense/yunnan',
      'gpb_basic/national',
      'gpb_project_economic/yunnan',
      'gov_fund/national',
      'state_capital/expense',
      'state_capital/income-expense',
      'three_public/jiangxi',
      'three_public/shanghai-horizontal',
      'three_public_admin/yunnan',
      'asset_occupancy/national',
      'asset_usage/yunnan',
      'perf_project/national',
      'perf_department/national',
    ]);
    expect([...new Set(SPECS.map((s) => s.kind))].sort()).toEqual([...ALL_KINDS].sort());
    for (const s of SPECS) expect(s.id.startsWith(`${s.kind}/`)).toBe(true);
    expect(specById('three_public/shanghai-horizontal')?.layout).toBe('horizontal');
    expect(specById('nope')).toBeUndefined();
  });

  test('every row and column key of every spec is in docs/KEYS.md', () => {
    const keys = new Set<string>();
    for (const s of SPECS) {
      for (const c of s.columns ?? []) keys.add(c.key);
      for (const l of s.lines ?? []) keys.add(l.key);
      for (const b of s.blocks ?? []) {
        b.columns.forEach((c) => keys.add(c.key));
        b.lines.forEach((l) => keys.add(l.key));
      }
      for (const sec of s.sections ?? []) {
        sec.columns.forEach((c) => keys.add(c.key));
        (sec.lines ?? []).forEach((l) => keys.add(l.key));
        (sec.endLines ?? []).forEach((l) => keys.add(l.key));
      }
    }
    const missing = [...keys].filter((k) => {
      if (KEYS_MD.includes(`\`${k}\``)) return false;
      // `expense.carryover_end.gpb` / `.gov_fund` / `.state_capital`
      const dot = k.lastIndexOf('.');
      return !(dot > 0 && KEYS_MD.includes(`\`${k.slice(0, dot)}.`) && KEYS_MD.includes(`\`${k.slice(dot)}\``));
    });
    expect(missing).toEqual([]);
    expect(keys.size).toBeGreaterThan(100);
  });

  test('header path patterns: last part is the column, earlier parts above it, | and *', () => {
    expect(matchPath('本年支出>基本支出>小计|合计', ['本年支出', '基本支出', '小计'])).toBe(3);
    expect(matchPath('本年支出>合计', ['本年支出', '基本支出', '合计'])).toBe(2);
    expect(matchPath('本年支出>合计', ['本年收入', '合计'])).toBe(0);
    expect(matchPath('基本支出', ['本年支出', '基本支出'])).toBe(1);
    expect(matchPath('基本支出', ['基本支出', '小计'])).toBe(0);
    expect(matchPath('全年预算数*', ['全年预算数(a)'])).toBe(1);
    expect(matchName(['因公出国(境)团组数*'], '1.因公出国（境）团组数（个）')).toBe(true);
    expect(matchName(['外事接待费'], '其中：外事接待费')).toBe(true);
    expect(matchName(['合计'], '合　　计')).toBe(true);
    expect(matchName(['公务接待费'], '3.公务接待费（小计）')).toBe(false);
  });
});

describe('row names', () => {
  test('ordinals go, a leading 一 of a word stays', () => {
    expect(stripLineOrdinal('一般公共预算财政拨款收入')).toBe('一般公共预算财政拨款收入');
    expect(stripLineOrdinal('二十六、抗疫特别国债安排的支出')).toBe('抗疫特别国债安排的支出');
    expect(stripLineOrdinal('（一）支出合计')).toBe('支出合计');
    expect(stripLineOrdinal('（1）公务用车购置费')).toBe('公务用车购置费');
    expect(stripLineOrdinal('1. 因公出国（境）费')).toBe('因公出国（境）费');
    expect(stripLineOrdinal('其中：外事接待批次（个）')).toBe('外事接待批次（个）');
    expect(stripLineOrdinal('年度资金总额:')).toBe('年度资金总额');
    expect(lineKeyText('一、“三公”经费支出')).toBe('"三公"经费支出');
  });
});

describe('classification lists', () => {
  test('function 类 by name, in the order of the summary tables', () => {
    expect(FUNCTION_CLASSES.length).toBe(30);
    expect(functionClassByName('八、社会保障和就业支出')).toBe('208');
    expect(functionClassByName('二十六、抗疫特别国债安排的支出')).toBe('234');
    expect(functionClassByName('十四、资源勘探工业信息等支出')).toBe('215');
    expect(functionClassByName('医疗卫生与计划生育支出')).toBe('210');
    expect(functionClassByName('本年支出合计')).toBeNull();
  });

  test('every function code printed in the seeds is known, with its printed name', () => {
    const known = new Map(KNOWN_FUNCTION_CODES.map((k) => [k.code, k.name]));
    const seen = new Map<string, string>();
    for (const seed of Object.values(SEEDS)) {
      for (const t of seed.tables) {
        for (const cc of t.codes.filter((c) => c.kind === 'function')) {
          for (const r of t.rows) if (/^\d{3,7}$/.test(r[cc.col])) seen.set(r[cc.col], r[cc.nameCol]);
        }
      }
    }
    expect(seen.size).toBe(23);
    for (const [code, name] of seen) expect([code, known.get(code)?.replace(/\s/g, '')]).toEqual([code, name.replace(/\s/g, '')]);
  });

  test('every economic code printed in the seeds is listed (except the published defect 20921)', () => {
    const listed = new Map(ECONOMIC_CODES.map((e) => [e.code, [e.name, ...e.aliases]]));
    const unknown: string[] = [];
    const misnamed: string[] = [];
    for (const seed of Object.values(SEEDS)) {
      for (const t of seed.tables) {
        for (const cc of t.codes.filter((c) => c.kind === 'economic')) {
          for (const r of t.rows) {
            const code = r[cc.col];
            if (!/^\d{3,5}$/.test(code)) continue;
            const names = listed.get(code);
            if (!names) unknown.push(code);
            else if (!names.includes(r[cc.nameCol])) misnamed.push(`${code} ${r[cc.nameCol]}`);
          }
        }
      }
    }
    expect(unknown).toEqual(['20921']);
    expect(misnamed).toEqual([]);
    expect(listed.get('30305')).toEqual(['生活补助', '生活补贴']);
    expect(listed.get('30111')).toEqual(['公务员医疗补助缴费', '公务员医疗补助缴款']);
  });
});
