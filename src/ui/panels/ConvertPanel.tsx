/**
 * 单位换算: 元 ↔ 万元 for every recognised table (default), one table, or the selection (where the host has one).
 * 预览 plans the conversion and lists every cell moved off plain rounding (exact, plain, published) and every
 * tail left; 应用 writes the plan in one round trip, the original values recorded in the workbook's ledger;
 * 撤销换算 clears the conversion's tag, restoring what the user has not changed since.
 */
import { Button, Checkbox, Dropdown, Field, Option, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { CONVERT_TAG, type Adjust, type ConvertOptions, type ConvertScope, type Rounding } from '../../core/convert/index';
import type { AmountUnit, RecognisedTable } from '../../core/model';
import { previewConversion, type Preview } from '../convert/run';
import { registerPanel } from '../registry';
import { useEngine } from '../state';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  summary: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, whiteSpace: 'normal' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: {
    width: '100%',
    textAlign: 'left',
    font: 'inherit',
    fontSize: tokens.fontSizeBase200,
    backgroundColor: 'transparent',
    border: '1px solid transparent',
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
  heading: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300, margin: `${tokens.spacingVerticalXS} 0 0` },
});

/** Adjusted cells shown before “显示全部” (a large workbook may move thousands). */
const LIST_CAP = 200;

type ScopeKind = ConvertScope['kind'];

function ConvertPanel() {
  const s = useStyles();
  const engine = useEngine();
  const { host, busy } = engine;
  const [to, setTo] = useState<AmountUnit>('万元');
  const [rounding, setRounding] = useState<Rounding>('controlled');
  const [adjust, setAdjust] = useState<Adjust>('fewest');
  const [scope, setScope] = useState<ScopeKind>('all');
  const [table, setTable] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [all, setAll] = useState(false);
  const [overFormulas, setOverFormulas] = useState(false);
  // The tables of the last preview (kept after 应用), else of the last 审核.
  const [seen, setSeen] = useState<RecognisedTable[] | null>(null);
  const tables = seen ?? engine.audit?.recognition.tables ?? [];

  const options = async (): Promise<ConvertOptions | null> => {
    let target: ConvertScope = { kind: 'all' };
    if (scope === 'table') {
      if (!table) {
        engine.setNotice({ intent: 'warning', text: '请先选择要换算的表。' });
        return null;
      }
      target = { kind: 'table', table };
    } else if (scope === 'selection') {
      const sel = await host.selectedRange?.();
      if (!sel) {
        engine.setNotice({ intent: 'warning', text: '请先在工作表中选中要换算的单元格区域。' });
        return null;
      }
      target = { kind: 'selection', ...sel };
    }
    return { to, rounding, adjust, scope: target, replaceFormulas: overFormulas };
  };

  const doPreview = async () => {
    const o = await options();
    if (!o) return;
    const p = await engine.run('生成换算方案', (progress) => previewConversion(host, o, (v, text) => progress(v, text)));
    if (!p) return;
    setPreview(p);
    setSeen(p.recognition.tables);
    setAll(false);
    if (p.conversion.error) engine.setNotice({ intent: 'warning', text: p.conversion.error });
  };

  const doApply = async () => {
    const plan = preview?.conversion.plan;
    if (!plan) return;
    const r = preview.conversion.report;
    const done =
      r.tails.length === 0
        ? `已换算为${r.to}：${r.tables.length} 张表，各合计与明细严格相等。`
        : `已换算为${r.to}，仍有 ${r.tails.length} 处尾差（已加注“本套报表金额单位转换时可能存在尾数误差。”）。`;
    if (await engine.apply(plan, done)) {
      setPreview(null);
      engine.markAuditStale();
    }
  };

  const doUndo = async () => {
    if (
      await engine.apply(
        { title: '撤销换算', ops: [{ op: 'clearTag', tag: CONVERT_TAG }] },
        '已撤销换算：金额恢复为换算前的原值（换算后又修改过的单元格保留修改）。',
      )
    ) {
      setPreview(null);
      engine.markAuditStale();
    }
  };

  const report = preview?.conversion.report;
  const adjusted = report ? (all ? report.adjusted : report.adjusted.slice(0, LIST_CAP)) : [];
  return (
    <div className={s.root}>
      <Field label="换算方向">
        <RadioGroup layout="horizontal" value={to} onChange={(_, d) => setTo(d.value as AmountUnit)}>
          <Radio value="万元" label="元 → 万元" />
          <Radio value="元" label="万元 → 元" />
        </RadioGroup>
      </Field>
      <Field label="范围">
        <RadioGroup value={scope} onChange={(_, d) => setScope(d.value as ScopeKind)}>
          <Radio value="all" label="全部公开表（同一数字在各表中保持一致）" />
          <Radio value="table" label="一张表" disabled={tables.length === 0} />
          {host.selectedRange && <Radio value="selection" label="所选区域" />}
        </RadioGroup>
      </Field>
      {scope === 'table' && (
        <Dropdown
          aria-label="要换算的表"
          placeholder="选择表"
          value={tables.find((t) => t.id === table)?.title ?? ''}
          onOptionSelect={(_, d) => setTable(d.optionValue ?? null)}
        >
          {tables.map((t) => (
            <Option key={t.id} value={t.id} text={t.title}>
              {`${t.label ?? t.sheet} ${t.title}`}
            </Option>
          ))}
        </Dropdown>
      )}
      {to === '万元' && (
        <>
          <Field label="舍入">
            <RadioGroup value={rounding} onChange={(_, d) => setRounding(d.value as Rounding)}>
              <Radio value="controlled" label="受控舍入：合计与明细严格相等" />
              <Radio value="plain" label="逐格四舍五入（列出尾差）" />
            </RadioGroup>
          </Field>
          {rounding === 'controlled' && (
            <Field label="尾差调整到">
              <RadioGroup layout="horizontal" value={adjust} onChange={(_, d) => setAdjust(d.value as Adjust)}>
                <Radio value="fewest" label="最少单元格" />
                <Radio value="largest" label="最大项" />
                <Radio value="last" label="最后一项" />
              </RadioGroup>
            </Field>
          )}
        </>
      )}
      <Checkbox
        checked={overFormulas}
        onChange={(_, d) => setOverFormulas(d.checked === true)}
        label="含公式的单元格也改写为数值（默认保留公式，只列出）"
      />
      <div className={s.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => void doPreview()} data-testid="convert-preview">
          预览
        </Button>
        <Button disabled={busy || !preview?.conversion.plan} onClick={() => void doApply()} data-testid="convert-apply">
          应用
        </Button>
        <Button disabled={busy} onClick={() => void doUndo()} data-testid="convert-undo">
          撤销换算
        </Button>
      </div>
      {report && preview.conversion.plan && (
        <div data-testid="convert-report">
          <Text className={s.summary} block>
            {`将把 ${report.tables.length} 张表的 ${report.tables.reduce((n, t) => n + t.cells, 0)} 个金额由${report.from}换算为${report.to}`}
            {report.to === '万元'
              ? `；${report.adjusted.length} 个单元格不按四舍五入（为使合计严格相等）；${report.tails.length === 0 ? '无尾差' : `仍有 ${report.tails.length} 处尾差`}。`
              : '。'}
          </Text>
          {[...report.refused.map((r) => r.reason), ...report.notices].map((n) => (
            <Text key={n} className={s.summary} block>
              {n}
            </Text>
          ))}
          {report.tails.length > 0 && <h3 className={s.heading}>尾差</h3>}
          <ul className={s.list} aria-label="尾差">
            {report.tails.map((t) => (
              <li key={`${t.rule}|${t.cells[0]}`}>
                <button type="button" className={s.item} onClick={() => void host.selectCells(t.cells)} data-testid="convert-tail">
                  {`${t.rule}：尾差 ${t.tail} 万元`} <span className={s.cell}>{t.cells.slice(0, 3).join('、')}</span>
                </button>
              </li>
            ))}
          </ul>
          {report.adjusted.length > 0 && <h3 className={s.heading}>调整的单元格（精确值 → 四舍五入 → 公开值）</h3>}
          <ul className={s.list} aria-label="调整的单元格">
            {adjusted.map((a) => (
              <li key={a.cell}>
                <button type="button" className={s.item} onClick={() => void host.selectCells([a.cell])} data-testid="convert-adjusted">
                  <span className={s.cell}>{a.cell}</span> {`${a.exact} → ${a.plain} → ${a.value}`}
                </button>
              </li>
            ))}
          </ul>
          {!all && report.adjusted.length > LIST_CAP && (
            <Button size="small" appearance="subtle" onClick={() => setAll(true)}>
              显示全部 {report.adjusted.length} 个
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

registerPanel({ id: 'convert', label: '单位换算', order: 30, component: ConvertPanel });
