/**
 * The HTML report of `check --format html`: one self-contained page (inline CSS, no scripts, no external
 * resources) that a person reads in any browser. Every text taken from a workbook is escaped.
 */
import { cellAddress, columnLetters, parseRange, quoteSheet, rangeAddress, splitQualified } from '../core/snapshot';
import type { CellSnapshot, RangeBox, SheetSnapshot } from '../core/snapshot';
import { tableSummary } from '../core/summary';
import { cellList, type CellListLimits } from '../core/cells';
import type { Finding, RecognisedTable, Severity } from '../core/model';
import type { Analysis, Failure } from './analyse';
import { SEVERITY_LABELS as SEVERITY_LABEL, SEVERITY_RANK as RANK } from '../core/labels';
import { coverageText, FOLDED, inReadingOrder, readingOrder } from '../core/reading';
import { groupFindings, tableName, unitShown } from './group';
import { SEVERITIES, severityCounts } from './json';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : '&#39;',
  );
}

/** Tables up to this many sheet rows are drawn whole; longer ones show the header, the rows near findings, and the end. */
const FULL_GRID_ROWS = 60;
const CONTEXT_ROWS = 2;
/** A finding cell list is a handful of cells; a range larger than this is not painted cell by cell. */
const MAX_CELLS_PER_REF = 5000;
const COL_KEY = 16384;
/** Cells listed under a finding. */
const HTML_CELLS: CellListLimits = { maxItems: 20, maxLength: 1000 };

const CSS = `
:root{--err:#d13438;--err-bg:#fde7e9;--warn:#8a6d00;--warn-bg:#fff4ce;--rnd:#0f6cbd;--rnd-bg:#e5f0fb;--info:#616161;--info-bg:#f0f0f0}
*{box-sizing:border-box}
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC",sans-serif;margin:0;padding:24px 32px;color:#1f1f1f;background:#fafafa;line-height:1.5}
h1{font-size:24px;margin:0 0 4px} h2{font-size:20px;margin:0 0 8px;word-break:break-all} h3{font-size:16px;margin:20px 0 8px}
h4{font-size:15px;margin:0 0 6px} .meta{color:#616161;margin:0 0 16px}
section.file{background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:16px 20px;margin:0 0 24px}
section.table{border-top:1px solid #e0e0e0;padding:12px 0 4px;margin-top:8px}
table.list{border-collapse:collapse;font-size:13px;margin:4px 0}
table.list th,table.list td{border:1px solid #e0e0e0;padding:3px 8px;text-align:left;vertical-align:top}
table.list th{background:#f5f5f5;font-weight:600} td.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:10px;padding:0 8px;margin-right:6px;font-size:12px;border:1px solid}
.badge.error{color:var(--err);background:var(--err-bg);border-color:var(--err)}
.badge.warning{color:var(--warn);background:var(--warn-bg);border-color:var(--warn)}
.badge.rounding{color:var(--rnd);background:var(--rnd-bg);border-color:var(--rnd)}
.badge.info{color:var(--info);background:var(--info-bg);border-color:var(--info)}
.badge.zero{color:#9e9e9e;background:#fff;border-color:#e0e0e0}
.ok{color:#107c10} .failed{color:var(--err);font-weight:600} .gap{color:var(--warn);font-weight:600}
h5{font-size:14px;margin:10px 0 4px} h5.error{color:var(--err)} h5.warning{color:var(--warn)} h5.rounding{color:var(--rnd)} h5.info{color:var(--info)}
b.info{color:var(--info)} b.error{color:var(--err)} b.warning{color:var(--warn)} b.rounding{color:var(--rnd)}
ul.findings{margin:0 0 8px;padding-left:12px;font-size:13px;list-style:none} ul.findings li{margin:2px 0 6px;padding-left:2.2em;text-indent:-2.2em}
ul.findings .cells,ul.findings .values{text-indent:0}
.no{display:inline-block;min-width:2.2em;text-indent:0;color:#616161}
ul.findings .cells,ul.findings .values{color:#424242;font-size:12px} ul.findings .cells a{margin-right:6px;font-family:Consolas,monospace}
code,.addr{font-family:Consolas,"Courier New",monospace}
details{margin:6px 0} summary{cursor:pointer;color:#424242;font-size:13px}
.grid-wrap{overflow:auto;max-height:640px;border:1px solid #d0d0d0;margin:6px 0 10px;background:#fff}
table.grid{border-collapse:collapse;font-size:12px}
table.grid th{background:#f3f3f3;color:#616161;font-weight:400;border:1px solid #d0d0d0;padding:1px 4px;position:sticky;top:0}
table.grid th.rn{position:static;text-align:right}
table.grid td{border:1px solid #e3e3e3;padding:1px 5px;white-space:pre-wrap;vertical-align:top;min-width:28px;max-width:320px}
table.grid td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.grid tr.gap td{background:#f7f7f7;color:#757575;text-align:center;font-style:italic}
td.hl-error{background:var(--err-bg)} td.hl-warning{background:var(--warn-bg)} td.hl-rounding{background:var(--rnd-bg)} td.hl-info{background:var(--info-bg)}
td.total.hl-error{outline:2px solid var(--err);outline-offset:-2px} td.total.hl-warning{outline:2px solid var(--warn);outline-offset:-2px}
td.total.hl-rounding{outline:2px solid var(--rnd);outline-offset:-2px} td.total.hl-info{outline:2px solid var(--info);outline-offset:-2px}
td sup{font-size:9px;margin-left:2px} td sup a{color:inherit}
.legend span{display:inline-block;padding:0 6px;margin-right:8px;font-size:12px;border:1px solid #d0d0d0}
@media print{body{background:#fff;padding:0} .grid-wrap{max-height:none;overflow:visible} details{display:block}}
`;

interface Mark {
  severity: Severity;
  /** Finding number in the file (1-based), for the link back. */
  n: number;
  /** First cell of the finding: the total. */
  total: boolean;
  message: string;
}

function badges(counts: Record<Severity, number>, onlyNonZero = false): string {
  return SEVERITIES.filter((s) => !onlyNonZero || counts[s] > 0)
    .map((s) => `<span class="badge ${counts[s] > 0 ? s : 'zero'}">${SEVERITY_LABEL[s]} ${counts[s]}</span>`)
    .join('');
}

function countsOf(findings: readonly Finding[]): Record<Severity, number> {
  const c = { error: 0, warning: 0, rounding: 0, info: 0 } as Record<Severity, number>;
  for (const f of findings) c[f.severity]++;
  return c;
}

function displayValue(c: CellSnapshot): string {
  if (c.text !== undefined && c.text !== '') return c.text;
  if (typeof c.value === 'number') return Number.isFinite(c.value) ? String(Number(c.value.toPrecision(15))) : String(c.value);
  if (typeof c.value === 'boolean') return c.value ? 'TRUE' : 'FALSE';
  return c.value ?? '';
}

/** Renders one file's section. `fileIndex` keeps element ids unique across files. */
export class FileReport {
  private readonly sheets = new Map<string, { index: number; sheet: SheetSnapshot; cells: Map<number, CellSnapshot> | null }>();
  /** `${sheetIndex}:${row*COL_KEY+col}` → marks. */
  private readonly marks = new Map<string, Mark[]>();
  private readonly numbers = new Map<Finding, number>();

  constructor(
    private readonly a: Analysis,
    private readonly fileIndex: number,
  ) {
    a.snapshot.sheets.forEach((sheet, index) => this.sheets.set(sheet.name, { index, sheet, cells: null }));
  }

  private cellsOf(sheetName: string): Map<number, CellSnapshot> | null {
    const entry = this.sheets.get(sheetName);
    if (!entry) return null;
    if (!entry.cells) {
      entry.cells = new Map();
      for (const c of entry.sheet.cells) entry.cells.set(c.row * COL_KEY + c.col, c);
    }
    return entry.cells;
  }

  private cellId(sheetIndex: number, row: number, col: number): string {
    return `c${this.fileIndex}-${sheetIndex}-${row}-${col}`;
  }

  private findingId(n: number): string {
    return `f${this.fileIndex}-${n}`;
  }

  private markFindings(ordered: Finding[]): void {
    ordered.forEach((f, i) => {
      const n = i + 1;
      this.numbers.set(f, n);
      f.cells.forEach((ref, k) => {
        const box = this.resolve(ref);
        if (!box) return;
        if ((box.range.bottom - box.range.top + 1) * (box.range.right - box.range.left + 1) > MAX_CELLS_PER_REF) return;
        for (let r = box.range.top; r <= box.range.bottom; r++) {
          for (let c = box.range.left; c <= box.range.right; c++) {
            const key = `${box.sheetIndex}:${r * COL_KEY + c}`;
            const list = this.marks.get(key);
            const mark: Mark = { severity: f.severity, n, total: k === 0, message: f.message };
            if (list) list.push(mark);
            else this.marks.set(key, [mark]);
          }
        }
      });
    });
  }

  private resolve(ref: string): { sheetIndex: number; range: RangeBox } | null {
    try {
      const { sheet, range } = splitQualified(ref);
      const entry = this.sheets.get(sheet);
      if (!entry) return null;
      return { sheetIndex: entry.index, range: parseRange(range) };
    } catch {
      return null;
    }
  }

  /** The table a cell reference falls in, for the link from a finding to its highlighted cell. */
  private cellLink(ref: string): string {
    const box = this.resolve(ref);
    const text = `<span class="addr">${escapeHtml(ref)}</span>`;
    if (!box) return text;
    const inTable = this.a.recognition.tables.some((t) => {
      const entry = this.sheets.get(t.sheet);
      return (
        entry !== undefined &&
        entry.index === box.sheetIndex &&
        box.range.top >= t.range.top &&
        box.range.top <= t.range.bottom &&
        box.range.left >= t.range.left &&
        box.range.left <= t.range.right
      );
    });
    return inTable ? `<a href="#${this.cellId(box.sheetIndex, box.range.top, box.range.left)}">${text}</a>` : text;
  }

  /**
   * A finding's cells as links, runs merged into ranges (linked to their first cell) and at most 20 areas then
   * `等 M 处`: a finding may name thousands of cells, all of them highlighted in the grid anyway.
   */
  private cellLinks(cells: readonly string[]): string {
    const { shown, more } = cellList(cells, HTML_CELLS);
    return shown.map((a) => this.cellLink(a.text)).join('') + (more ? escapeHtml(more) : '');
  }

  render(): string {
    const a = this.a;
    const findings = a.validation?.findings ?? [];
    const groups = groupFindings(a.recognition.tables, findings);
    // Numbered in reading order (errors, warnings, tails, notes; table order within each), so that the few
    // findings that matter get small numbers even when a workbook carries thousands of 提示.
    this.markFindings(inReadingOrder(findings, a.recognition.tables));
    const byTable = new Map(groups.filter((g) => g.table).map((g) => [g.table!.id, g]));
    const counts = severityCounts(a);
    const out: string[] = [];
    out.push(`<section class="file" id="file-${this.fileIndex}">`);
    out.push(`<h2>${escapeHtml(a.file)}</h2>`);
    out.push(`<p>${badges(counts)}${counts.error === 0 ? '<span class="ok">未发现错误</span>' : ''}</p>`);

    const tables = a.recognition.tables;
    out.push(`<h3>识别到的表（${tables.length} 张）</h3>`);
    if (tables.length === 0) {
      out.push('<p>未识别到决算公开表。</p>');
    } else {
      out.push(
        '<table class="list"><thead><tr><th>#</th><th>公开表号</th><th>表名</th><th>位置</th><th>编制单位</th><th>年度</th><th>单位</th><th>数据行</th><th>置信度</th><th>核对覆盖</th><th>问题</th></tr></thead><tbody>',
      );
      const coverage = new Map((a.validation?.coverage ?? []).map((c) => [c.table, c]));
      tables.forEach((t, i) => {
        const s = tableSummary(t);
        const g = byTable.get(t.id);
        const c = coverage.get(t.id);
        out.push(
          `<tr><td class="num">${i + 1}</td><td>${escapeHtml(s.label ?? '—')}</td><td><a href="#${this.tableId(i)}">${escapeHtml(s.title)}</a>` +
            `${s.printedTitle && s.printedTitle !== s.title ? `<br><small>表内标题：${escapeHtml(s.printedTitle)}</small>` : ''}</td>` +
            `<td class="addr">${escapeHtml(`${quoteSheet(s.sheet)}!${s.range}`)}</td><td>${escapeHtml(s.org ?? '—')}</td><td>${s.year ?? '—'}</td>` +
            `<td>${escapeHtml(unitShown(t) ?? '—')}</td><td class="num">${s.rows}</td><td class="num">${s.confidence.toFixed(2)}</td>` +
            `<td${c && c.unchecked.length ? ' class="gap"' : ''}>${c ? escapeHtml(coverageText(c)) : '—'}</td>` +
            `<td>${g ? badges(countsOf(g.bySeverity.flatMap((x) => x.findings)), true) : '<span class="ok">无</span>'}</td></tr>`,
        );
      });
      out.push('</tbody></table>');
    }
    const { unrecognised, notices } = a.recognition;
    if (unrecognised.length > 0) {
      out.push(`<h3>未识别的区域（${unrecognised.length} 处）</h3><ul>`);
      for (const u of unrecognised) {
        out.push(
          `<li><span class="addr">${escapeHtml(`${quoteSheet(u.sheet)}!${rangeAddress(u.range)}`)}</span>${u.reason ? `：${escapeHtml(u.reason)}` : ''}</li>`,
        );
      }
      out.push('</ul>');
    }
    if (notices.length > 0) {
      out.push('<h3>提示</h3><ul>');
      for (const n of notices) out.push(`<li>${escapeHtml(n)}</li>`);
      out.push('</ul>');
    }

    out.push('<h3>审核结果</h3>');
    out.push(
      `<p class="legend">单元格底色：<span style="background:var(--err-bg)">${SEVERITY_LABEL.error}</span><span style="background:var(--warn-bg)">${SEVERITY_LABEL.warning}</span>` +
        `<span style="background:var(--rnd-bg)">${SEVERITY_LABEL.rounding}</span><span style="background:var(--info-bg)">${SEVERITY_LABEL.info}</span>；加框的是合计数所在单元格，右上角数字是问题序号。</p>`,
    );
    out.push(this.renderIndex(findings));
    tables.forEach((t, i) => out.push(this.renderTable(t, i, byTable.get(t.id) ?? null)));
    const rest = groups.find((g) => g.table === null);
    if (rest) {
      out.push(
        `<section class="table"><h4>工作簿（不属于单张表的问题）</h4><p>${badges(countsOf(rest.bySeverity.flatMap((x) => x.findings)))}</p>`,
      );
      out.push(this.renderFindings(rest.bySeverity));
      out.push('</section>');
    }
    out.push('</section>');
    return out.join('\n');
  }

  private tableId(i: number): string {
    return `t${this.fileIndex}-${i}`;
  }

  /**
   * The list a reader starts from: every error, then every warning, each linking to its entry under its table;
   * 尾差 and 提示 folded.
   */
  private renderIndex(findings: readonly Finding[]): string {
    const sections = readingOrder(findings, this.a.recognition.tables);
    if (sections.length === 0) return '';
    const out: string[] = ['<nav class="index" aria-label="问题清单">'];
    for (const sec of sections) {
      const head = `<b class="${sec.severity}">${SEVERITY_LABEL[sec.severity]}（${sec.count} 项）</b>`;
      out.push(sec.folded ? `<details><summary>${head}，点击展开</summary>` : `<h5 class="${sec.severity}">${head}</h5>`);
      out.push('<ul class="findings">');
      for (const g of sec.tables) {
        for (const f of g.findings) {
          const n = this.numbers.get(f) ?? 0;
          const where = g.table ? tableName(g.table) : '工作簿';
          out.push(
            `<li><span class="no">${n}.</span> <a href="#${this.findingId(n)}">${escapeHtml(where)}</a>：${escapeHtml(f.message)}</li>`,
          );
        }
      }
      out.push('</ul>');
      if (sec.folded) out.push('</details>');
    }
    out.push('</nav>');
    return out.join('\n');
  }

  private renderFindings(bySeverity: { severity: Severity; findings: Finding[] }[]): string {
    const out: string[] = [];
    for (const s of bySeverity) {
      // 尾差 and 提示 stay folded so that errors and warnings are what the reader sees first.
      const fold = FOLDED.has(s.severity);
      if (fold)
        out.push(
          `<details><summary><b class="${s.severity}">${SEVERITY_LABEL[s.severity]}（${s.findings.length} 项）</b>，点击展开</summary>`,
        );
      else out.push(`<h5 class="${s.severity}">${SEVERITY_LABEL[s.severity]}（${s.findings.length} 项）</h5>`);
      out.push('<ul class="findings">');
      for (const f of s.findings) {
        const n = this.numbers.get(f) ?? 0;
        const values: string[] = [];
        if (f.expected !== null) values.push(`应为 <b>${escapeHtml(f.expected)}</b>`);
        if (f.actual !== null) values.push(`实为 <b>${escapeHtml(f.actual)}</b>`);
        if (f.severity === 'rounding' && f.tail !== undefined) values.push(`尾差 ${escapeHtml(f.tail)}`);
        out.push(
          `<li id="${this.findingId(n)}"><div><span class="no">${n}.</span> ${escapeHtml(f.message)}</div>` +
            (f.cells.length > 0 ? `<div class="cells">单元格：${this.cellLinks(f.cells)}</div>` : '') +
            (values.length > 0
              ? `<div class="values">${values.join('，')}　<small>规则 <code>${escapeHtml(f.rule)}</code></small></div>`
              : `<div class="values"><small>规则 <code>${escapeHtml(f.rule)}</code></small></div>`) +
            '</li>',
        );
      }
      out.push('</ul>');
      if (fold) out.push('</details>');
    }
    return out.join('\n');
  }

  private renderTable(t: RecognisedTable, i: number, group: ReturnType<typeof groupFindings>[number] | null): string {
    const s = tableSummary(t);
    const out: string[] = [];
    out.push(`<section class="table" id="${this.tableId(i)}">`);
    out.push(`<h4>${escapeHtml(tableName(t))}　<small class="addr">${escapeHtml(`${quoteSheet(s.sheet)}!${s.range}`)}</small></h4>`);
    if (group) {
      out.push(`<p>${badges(countsOf(group.bySeverity.flatMap((x) => x.findings)))}</p>`);
      out.push(this.renderFindings(group.bySeverity));
    } else {
      out.push('<p class="ok">未发现问题。</p>');
    }
    out.push(`<details${group ? ' open' : ''}><summary>表格（${escapeHtml(s.range)}，问题单元格已标色）</summary>`);
    out.push(`<div class="grid-wrap">${this.renderGrid(t)}</div></details>`);
    out.push('</section>');
    return out.join('\n');
  }

  /** Rows of the table to draw: all of a short table; else header, rows near marked cells, and the last rows. */
  private shownRows(t: RecognisedTable, sheetIndex: number): number[] {
    const { top, bottom, left, right } = t.range;
    const all: number[] = [];
    if (bottom - top + 1 <= FULL_GRID_ROWS) {
      for (let r = top; r <= bottom; r++) all.push(r);
      return all;
    }
    const keep = new Set<number>();
    const firstData = t.rows.length > 0 ? Math.min(...t.rows.map((r) => r.row)) : top;
    for (let r = top; r <= Math.min(bottom, Math.max(firstData, top) + CONTEXT_ROWS); r++) keep.add(r);
    for (let r = Math.max(top, bottom - CONTEXT_ROWS); r <= bottom; r++) keep.add(r);
    for (const [key, marks] of this.marks) {
      // 提示 alone do not pull rows into a long table's excerpt; errors, warnings and tails do.
      if (marks.every((m) => m.severity === 'info')) continue;
      const colon = key.indexOf(':');
      if (Number(key.slice(0, colon)) !== sheetIndex) continue;
      const k = Number(key.slice(colon + 1));
      const row = Math.floor(k / COL_KEY);
      const col = k % COL_KEY;
      if (row < top || row > bottom || col < left || col > right) continue;
      for (let r = Math.max(top, row - CONTEXT_ROWS); r <= Math.min(bottom, row + CONTEXT_ROWS); r++) keep.add(r);
    }
    return [...keep].sort((x, y) => x - y);
  }

  private renderGrid(t: RecognisedTable): string {
    const entry = this.sheets.get(t.sheet);
    if (!entry) return '<p>（工作表不在快照中）</p>';
    const cells = this.cellsOf(t.sheet)!;
    const { left, right } = t.range;
    const rows = this.shownRows(t, entry.index);
    // Contiguous runs of shown rows; merged areas are clipped to each run.
    const runs: [number, number][] = [];
    for (const r of rows) {
      const last = runs[runs.length - 1];
      if (last && last[1] === r - 1) last[1] = r;
      else runs.push([r, r]);
    }
    const width = right - left + 1;
    const out: string[] = ['<table class="grid"><thead><tr><th></th>'];
    for (let c = left; c <= right; c++) out.push(`<th>${columnLetters(c)}</th>`);
    out.push('</tr></thead><tbody>');
    let prevEnd = t.range.top - 1;
    for (const [a, b] of runs) {
      if (a > prevEnd + 1) out.push(`<tr class="gap"><th class="rn"></th><td colspan="${width}">… 省略 ${a - prevEnd - 1} 行 …</td></tr>`);
      prevEnd = b;
      // Merges clipped to this run and to the table's columns: top-left → span; other cells covered.
      const spanAt = new Map<number, { rows: number; cols: number; source: number }>();
      const covered = new Set<number>();
      for (const m of entry.sheet.merges) {
        const mt = Math.max(m.top, a);
        const mb = Math.min(m.bottom, b);
        const ml = Math.max(m.left, left);
        const mr = Math.min(m.right, right);
        if (mt > mb || ml > mr || (mt === mb && ml === mr && m.top === m.bottom && m.left === m.right)) continue;
        spanAt.set(mt * COL_KEY + ml, { rows: mb - mt + 1, cols: mr - ml + 1, source: m.top * COL_KEY + m.left });
        for (let r = mt; r <= mb; r++) for (let c = ml; c <= mr; c++) if (r !== mt || c !== ml) covered.add(r * COL_KEY + c);
      }
      for (let r = a; r <= b; r++) {
        out.push(`<tr><th class="rn">${r + 1}</th>`);
        for (let c = left; c <= right; c++) {
          const k = r * COL_KEY + c;
          if (covered.has(k)) continue;
          const span = spanAt.get(k);
          const cell = cells.get(span ? span.source : k);
          out.push(this.renderCell(entry.index, r, c, cell, span));
        }
        out.push('</tr>');
      }
    }
    if (prevEnd < t.range.bottom)
      out.push(`<tr class="gap"><th class="rn"></th><td colspan="${width}">… 省略 ${t.range.bottom - prevEnd} 行 …</td></tr>`);
    out.push('</tbody></table>');
    return out.join('');
  }

  private renderCell(
    sheetIndex: number,
    r: number,
    c: number,
    cell: CellSnapshot | undefined,
    span: { rows: number; cols: number } | undefined,
  ): string {
    const attrs: string[] = [];
    const classes: string[] = [];
    if (span) {
      if (span.rows > 1) attrs.push(`rowspan="${span.rows}"`);
      if (span.cols > 1) attrs.push(`colspan="${span.cols}"`);
    }
    if (cell && typeof cell.value === 'number') classes.push('n');
    const marks = this.marks.get(`${sheetIndex}:${r * COL_KEY + c}`);
    let sup = '';
    if (marks) {
      const worst = marks.reduce((x, y) => (RANK[y.severity] < RANK[x.severity] ? y : x));
      classes.push(`hl-${worst.severity}`);
      if (marks.some((m) => m.total)) classes.push('total');
      attrs.push(`id="${this.cellId(sheetIndex, r, c)}"`);
      const tip = marks.map((m) => `${m.n}. ${SEVERITY_LABEL[m.severity]}：${m.message}`).join('\n');
      attrs.push(`title="${escapeHtml(`${cellAddress(r, c)}\n${tip}`)}"`);
      // 提示 alone colour the cell and explain it on hover, without a number.
      const ns = [...new Set(marks.filter((m) => m.severity !== 'info').map((m) => m.n))];
      if (ns.length > 0)
        sup = `<sup>${ns
          .slice(0, 3)
          .map((n) => `<a href="#${this.findingId(n)}">${n}</a>`)
          .join(',')}${ns.length > 3 ? '…' : ''}</sup>`;
    }
    if (classes.length > 0) attrs.unshift(`class="${classes.join(' ')}"`);
    const text = cell ? escapeHtml(displayValue(cell)) : '';
    return `<td${attrs.length ? ' ' + attrs.join(' ') : ''}>${text}${sup}</td>`;
  }
}

export function failureHtml(f: Failure, fileIndex: number): string {
  return `<section class="file" id="file-${fileIndex}"><h2>${escapeHtml(f.file)}</h2><p class="failed">无法读取：${escapeHtml(f.error)}</p></section>`;
}

export interface OverviewRow {
  file: string;
  tables: number | null;
  counts: Record<Severity, number> | null;
  error: string | null;
}

export function htmlDocument(sections: readonly string[], overview: readonly OverviewRow[], generatedAt: Date): string {
  const stamp = `${generatedAt.getFullYear()}-${String(generatedAt.getMonth() + 1).padStart(2, '0')}-${String(generatedAt.getDate()).padStart(2, '0')} ${String(generatedAt.getHours()).padStart(2, '0')}:${String(generatedAt.getMinutes()).padStart(2, '0')}`;
  const rows = overview
    .map(
      (o, i) =>
        `<tr><td><a href="#file-${i}">${escapeHtml(o.file)}</a></td>` +
        (o.error !== null
          ? `<td colspan="2" class="failed">无法读取：${escapeHtml(o.error)}</td>`
          : `<td class="num">${o.tables}</td><td>${badges(o.counts!)}</td>`) +
        '</tr>',
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>决算公开表审核报告</title>
<style>${CSS}</style>
</head>
<body>
<h1>决算公开表审核报告</h1>
<p class="meta">共 ${overview.length} 个文件；生成时间 ${stamp}；由 juesuan 在本机生成，数据未离开本机。</p>
<table class="list"><thead><tr><th>文件</th><th>识别表数</th><th>审核结果</th></tr></thead><tbody>
${rows}
</tbody></table>
${sections.join('\n')}
</body>
</html>
`;
}
