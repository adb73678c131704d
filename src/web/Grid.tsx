/**
 * Read-only view of the workbook: sheet tabs, row/column headers, merges, fills and note markers, the used area
 * only and at most `cap` rows at a time (more on request), so a huge sheet does not freeze the page.
 */
import { Button, Tab, TabList } from '@fluentui/react-components';
import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
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
  onActivate: (sheet: string) => void;
  view: SheetView | null;
  selection: GridSelection | null;
  onSelect: (sel: GridSelection) => void;
}

/** Areas named in the name box; a finding's thousands of cells end in `等 N 处`. */
export const NAME_AREAS = 20;

/** The selected cells, rows and columns inside the drawn area: one lookup per drawn cell, whatever the selection. */
export interface SelectionIndex {
  cells: Set<number>;
  rows: Set<number>;
  cols: Set<number>;
}

/** Indexes `ranges` clipped to the first `rows` × `cols` cells (the drawn ones). */
export function selectionIndex(ranges: readonly RangeBox[], rows: number, cols: number): SelectionIndex {
  const index: SelectionIndex = { cells: new Set(), rows: new Set(), cols: new Set() };
  for (const b of ranges) {
    const bottom = Math.min(b.bottom, rows - 1);
    const right = Math.min(b.right, cols - 1);
    for (let r = b.top; r <= bottom; r++) {
      index.rows.add(r);
      for (let c = b.left; c <= right; c++) index.cells.add(cellKey(r, c));
    }
    for (let c = b.left; c <= right; c++) index.cols.add(c);
  }
  return index;
}

/**
 * The row cap once `first` (the selection's first area, scrolled to) is selected: raised in steps to show it.
 * Only the first area counts: a finding's last cell may be thousands of rows down.
 */
export function rowCapFor(first: RangeBox | undefined, rowCap: number): number {
  if (!first || first.top < rowCap) return rowCap;
  return Math.ceil((first.top + 1) / ROW_STEP) * ROW_STEP;
}

/** The name box: `公开03表!E7,E8,E11`, the first NAME_AREAS areas and `等 N 处` for more. */
export function nameBoxText(sheet: string, ranges: readonly RangeBox[]): string {
  if (ranges.length === 0) return '';
  const shown = ranges.slice(0, NAME_AREAS).map(rangeAddress).join(',');
  return `${quoteSheet(sheet)}!${shown}${ranges.length > NAME_AREAS ? ` 等 ${ranges.length} 处` : ''}`;
}

const NO_RANGES: RangeBox[] = [];

export function Grid({ sheets, active, onActivate, view, selection, onSelect }: GridProps) {
  const [rowCap, setRowCap] = useState(ROW_STEP);
  const scroller = useRef<HTMLDivElement>(null);
  const sel = selection && selection.sheet === active ? selection.ranges : NO_RANGES;

  // The cap follows the sheet and the selection, adjusted while rendering (React's way for state that follows
  // props): a new sheet starts at the top with the default cap; a selection below the shown rows raises it to
  // include its first area (the one scrolled to).
  const [followed, setFollowed] = useState<{ active: string | null; selection: GridSelection | null }>({ active: null, selection: null });
  if (followed.active !== active || followed.selection !== selection) {
    const base = followed.active !== active ? ROW_STEP : rowCap;
    const next = selection && selection.sheet === active ? rowCapFor(selection.ranges[0], base) : base;
    setFollowed({ active, selection });
    if (next !== rowCap) setRowCap(next);
  }

  useLayoutEffect(() => {
    if (!selection || selection.sheet !== active || !scroller.current || selection.ranges.length === 0) return;
    const first = selection.ranges[0];
    const el = scroller.current.querySelector<HTMLElement>(`[data-addr="${cellAddress(first.top, first.left)}"]`);
    el?.scrollIntoView({ block: 'center', inline: 'center' });
  }, [selection, active, view]);

  const name = nameBoxText(active, sel);

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
        {view && (
          <SheetTable
            view={view}
            rowCap={rowCap}
            sel={sel}
            onPick={(r, c) => onSelect({ sheet: active, ranges: [{ top: r, left: c, bottom: r, right: c }], seq: Date.now() })}
          />
        )}
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
  onPick: (r: number, c: number) => void;
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
      for (let r = m.top; r <= bottom; r++)
        for (let c = m.left; c <= right; c++) if (r !== m.top || c !== m.left) covered.add(cellKey(r, c));
    }
    return { spans, covered };
  }, [view, rows, cols]);

  const picked = useMemo(() => selectionIndex(sel, rows, cols), [sel, rows, cols]);

  const colHeads = [];
  for (let c = 0; c < cols; c++)
    colHeads.push(
      <th key={c} scope="col" className={picked.cols.has(c) ? 'hd hd-sel' : 'hd'}>
        {columnLetters(c)}
      </th>,
    );

  const body = [];
  for (let r = 0; r < rows; r++) {
    const tds = [];
    for (let c = 0; c < cols; c++) {
      const k = cellKey(r, c);
      if (covered.has(k)) continue;
      const cell = view.cells.get(k);
      const span = spans.get(k);
      const selected = picked.cells.has(k);
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
        <th scope="row" className={picked.rows.has(r) ? 'hd rh hd-sel' : 'hd rh'}>
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
