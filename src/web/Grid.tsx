/**
 * Read-only view of the workbook: sheet tabs, row/column headers, merges, fills and note markers, the used area
 * only and at most `cap` rows at a time (more on request), so a huge sheet does not freeze the page.
 */
import { Button, Tab, TabList } from '@fluentui/react-components';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { cellAddress, columnLetters, quoteSheet, rangeAddress, type RangeBox } from '../core/snapshot';
import { cellKey, type SheetView } from './view';

export const ROW_STEP = 500;
export const COL_CAP = 200;

export interface GridSelection {
  sheet: string;
  ranges: RangeBox[];
  /** Bumped on every selection so the same cell selected twice scrolls again. */
  seq: number;
}

export interface GridProps {
  sheets: string[];
  active: string;
  onActivate(sheet: string): void;
  view: SheetView | null;
  selection: GridSelection | null;
  onSelect(sel: GridSelection): void;
}

function inRanges(ranges: RangeBox[], r: number, c: number): boolean {
  return ranges.some((b) => r >= b.top && r <= b.bottom && c >= b.left && c <= b.right);
}

export function Grid({ sheets, active, onActivate, view, selection, onSelect }: GridProps) {
  const [rowCap, setRowCap] = useState(ROW_STEP);
  const scroller = useRef<HTMLDivElement>(null);
  const sel = selection && selection.sheet === active ? selection.ranges : [];

  // A new sheet starts at the top with the default cap.
  useEffect(() => setRowCap(ROW_STEP), [active]);
  // A selection below the shown rows raises the cap to include it.
  useEffect(() => {
    if (!selection || selection.sheet !== active) return;
    const bottom = Math.max(...selection.ranges.map((b) => b.bottom));
    if (bottom >= rowCap) setRowCap(Math.ceil((bottom + 1) / ROW_STEP) * ROW_STEP);
  }, [selection, active, rowCap]);

  useLayoutEffect(() => {
    if (!selection || selection.sheet !== active || !scroller.current || selection.ranges.length === 0) return;
    const first = selection.ranges[0];
    const el = scroller.current.querySelector<HTMLElement>(`[data-addr="${cellAddress(first.top, first.left)}"]`);
    el?.scrollIntoView({ block: 'center', inline: 'center' });
  }, [selection, active, view]);

  const name = selection && selection.sheet === active && selection.ranges.length > 0
    ? `${quoteSheet(active)}!${selection.ranges.map(rangeAddress).join(',')}`
    : '';

  return (
    <div className="grid-wrap">
      <div className="grid-bar">
        <output className="name-box" aria-label="所选单元格" data-testid="name-box">
          {name || '\u00a0'}
        </output>
        {view && (
          <span className="grid-size">
            {view.rows > 0 ? `已用区域 A1:${cellAddress(Math.max(0, view.rows - 1), Math.max(0, view.cols - 1))}` : '空工作表'}
          </span>
        )}
      </div>
      <div className="grid-scroll" ref={scroller} tabIndex={0} aria-label={`工作表 ${active} 的内容`}>
        {view && <SheetTable view={view} rowCap={rowCap} sel={sel} onPick={(r, c) => onSelect({ sheet: active, ranges: [{ top: r, left: c, bottom: r, right: c }], seq: Date.now() })} />}
        {view && view.rows > rowCap && (
          <div className="grid-cap" role="status">
            仅显示前 {rowCap.toLocaleString('zh-CN')} 行（共 {view.rows.toLocaleString('zh-CN')} 行）。
            <Button size="small" onClick={() => setRowCap((n) => n + ROW_STEP)}>
              再显示 {ROW_STEP} 行
            </Button>
          </div>
        )}
        {view && view.cols > COL_CAP && (
          <div className="grid-cap" role="status">
            仅显示前 {COL_CAP} 列（共 {view.cols} 列）。
          </div>
        )}
      </div>
      <TabList
        className="sheet-tabs"
        size="small"
        selectedValue={active}
        onTabSelect={(_, d) => onActivate(String(d.value))}
        aria-label="工作表"
      >
        {sheets.map((s) => (
          <Tab key={s} value={s} data-testid="sheet-tab">
            {s}
          </Tab>
        ))}
      </TabList>
    </div>
  );
}

const SheetTable = memo(function SheetTable({
  view,
  rowCap,
  sel,
  onPick,
}: {
  view: SheetView;
  rowCap: number;
  sel: RangeBox[];
  onPick(r: number, c: number): void;
}) {
  const rows = Math.min(view.rows, rowCap);
  const cols = Math.min(view.cols, COL_CAP);
  // Merge masters get spans; the cells they cover are not drawn.
  const { spans, covered } = useMemo(() => {
    const spans = new Map<number, { rowSpan: number; colSpan: number }>();
    const covered = new Set<number>();
    for (const m of view.merges) {
      if (m.top >= rows || m.left >= cols) continue;
      const bottom = Math.min(m.bottom, rows - 1);
      const right = Math.min(m.right, cols - 1);
      spans.set(cellKey(m.top, m.left), { rowSpan: bottom - m.top + 1, colSpan: right - m.left + 1 });
      for (let r = m.top; r <= bottom; r++) for (let c = m.left; c <= right; c++) if (r !== m.top || c !== m.left) covered.add(cellKey(r, c));
    }
    return { spans, covered };
  }, [view, rows, cols]);

  const colHeads = [];
  for (let c = 0; c < cols; c++) colHeads.push(<th key={c} scope="col" className={sel.some((b) => c >= b.left && c <= b.right) ? 'hd hd-sel' : 'hd'}>{columnLetters(c)}</th>);

  const body = [];
  for (let r = 0; r < rows; r++) {
    const tds = [];
    for (let c = 0; c < cols; c++) {
      const k = cellKey(r, c);
      if (covered.has(k)) continue;
      const cell = view.cells.get(k);
      const span = spans.get(k);
      const selected = inRanges(sel, r, c);
      const cls = ['c'];
      if (cell?.numeric) cls.push('num');
      if (cell?.bold) cls.push('b');
      if (cell?.wrap) cls.push('wrap');
      if (cell?.note) cls.push('has-note');
      if (selected) cls.push('sel');
      tds.push(
        <td
          key={c}
          data-addr={cellAddress(r, c)}
          className={cls.join(' ')}
          rowSpan={span && span.rowSpan > 1 ? span.rowSpan : undefined}
          colSpan={span && span.colSpan > 1 ? span.colSpan : undefined}
          style={cell?.fill || cell?.align ? { background: cell.fill, textAlign: cell.align } : undefined}
          title={cell?.note}
          data-fill={cell?.fill}
          onClick={() => onPick(r, c)}
        >
          {cell?.text}
        </td>,
      );
    }
    const height = view.heights.get(r);
    body.push(
      <tr key={r} style={height ? { height } : undefined}>
        <th scope="row" className={sel.some((b) => r >= b.top && r <= b.bottom) ? 'hd rh hd-sel' : 'hd rh'}>
          {r + 1}
        </th>
        {tds}
      </tr>,
    );
  }
  return (
    <table className="sheet" aria-rowcount={view.rows} aria-colcount={view.cols}>
      <colgroup>
        <col style={{ width: 44 }} />
        {view.widths.slice(0, cols).map((w, i) => (
          <col key={i} style={{ width: w }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          <th className="hd corner" aria-hidden="true" />
          {colHeads}
        </tr>
      </thead>
      <tbody>{body}</tbody>
    </table>
  );
});
