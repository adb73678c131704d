/**
 * 审核: one primary button runs read → recognise → validate; findings in reading order: a section per severity
 * (错误 and 警告 open, 尾差 and 提示 folded), each grouped by table in workbook order. Above the list, one button
 * per severity with its count (错误 3 · 警告 0 · 尾差 7 · 提示 0) shows only that severity, opened; pressed again,
 * everything. Clicking (Enter/Space: they are buttons) a finding selects its cells in the workbook.
 */
import { formatCells } from '../../core/cells';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  CounterBadge,
  ToggleButton,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { Fragment, useMemo, useState } from 'react';
import type { Finding, Severity } from '../../core/model';
import { clearMarksPlan, findingsSheetPlan, markFindingsPlan } from '../../core/plans/index';
import { emptyCounts, sectionFindings, type Group } from '../grouping';
import { SEVERITY_LABEL, SEVERITY_ORDER } from '../labels';
import { registerPanel } from '../registry';
import { useEngine } from '../state';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  // Four buttons on one line of a 350 px pane.
  action: { minWidth: 'auto' },
  summary: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: '2px', rowGap: tokens.spacingVerticalXXS },
  chip: { minWidth: 'auto', paddingLeft: tokens.spacingHorizontalS, paddingRight: tokens.spacingHorizontalS },
  dot: { color: tokens.colorNeutralForeground4 },
  filterLine: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
  },
  meta: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  groupTitle: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', textAlign: 'left', minWidth: 0 },
  groupName: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'normal' },
  groupCounts: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap', fontSize: tokens.fontSizeBase200 },
  sectionName: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  table: { display: 'flex', flexDirection: 'column', gap: '2px', marginBottom: tokens.spacingVerticalS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    width: '100%',
    textAlign: 'left',
    font: 'inherit',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground1,
    backgroundColor: 'transparent',
    border: `1px solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  selected: { backgroundColor: tokens.colorBrandBackground2, border: `1px solid ${tokens.colorBrandStroke2}` },
  tag: {
    flexShrink: 0,
    alignSelf: 'flex-start',
    fontSize: tokens.fontSizeBase100,
    fontWeight: tokens.fontWeightSemibold,
    borderRadius: tokens.borderRadiusSmall,
    padding: '0 4px',
    lineHeight: '18px',
  },
  error: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorPaletteRedForeground2 },
  warning: { backgroundColor: tokens.colorPaletteDarkOrangeBackground2, color: tokens.colorPaletteDarkOrangeForeground2 },
  rounding: { backgroundColor: tokens.colorPaletteYellowBackground2, color: tokens.colorNeutralForeground1 },
  info: { backgroundColor: tokens.colorPaletteBlueBackground2, color: tokens.colorPaletteBlueForeground2 },
  body: { minWidth: 0, overflowWrap: 'anywhere' },
  cells: {
    display: 'block',
    color: tokens.colorNeutralForeground3,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase100,
  },
  empty: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** Findings shown per group before "显示全部"; keeps the pane quick on a workbook with thousands. */
const GROUP_CAP = 200;

function findingKey(f: Finding, i: number): string {
  return `${i}|${f.rule}|${f.cells[0] ?? ''}`;
}

function AuditPanel() {
  const s = useStyles();
  const engine = useEngine();
  const { audit, busy } = engine;
  // null: every severity; otherwise only that one (the summary buttons).
  const [only, setOnly] = useState<Severity | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [open, setOpen] = useState<string[] | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());

  const findings = audit?.validation.findings ?? [];
  const summary = audit?.validation.summary ?? emptyCounts();
  const indexed = useMemo(() => new Map(findings.map((f, i) => [f, i])), [findings]);
  const shown = useMemo(() => new Set<Severity>(only ? [only] : SEVERITY_ORDER), [only]);
  const sections = useMemo(() => sectionFindings(findings, audit?.recognition.tables ?? [], shown), [findings, audit, shown]);
  // 错误 and 警告 start open, 尾差 and 提示 folded; a severity picked with its button opens.
  const openItems = open ?? sections.filter((sec) => !sec.folded || only !== null).map((sec) => sec.severity);

  const filterTo = (sev: Severity) => {
    setOnly((prev) => (prev === sev ? null : sev));
    // A new filter opens the groups afresh (the errors may sit in a group the user had folded).
    setOpen(null);
  };

  const renderGroup = (g: Group) => {
    const all = expanded.has(g.id);
    const visible = all ? g.findings : g.findings.slice(0, GROUP_CAP);
    return (
      <>
        <ul className={s.list} aria-label={`${g.name} 的审核结果`}>
          {visible.map((f) => {
            const key = findingKey(f, indexed.get(f) ?? 0);
            const isSel = key === selected;
            return (
              <li key={key}>
                <button
                  type="button"
                  className={mergeClasses(s.item, isSel && s.selected)}
                  onClick={() => void select(f, key)}
                  aria-current={isSel ? 'true' : undefined}
                  data-testid="finding"
                  data-severity={f.severity}
                  data-rule={f.rule}
                  title={f.cells.length ? `定位到 ${formatCells(f.cells, { maxItems: 20, maxLength: 400 })}` : undefined}
                >
                  <span className={mergeClasses(s.tag, s[f.severity])}>{SEVERITY_LABEL[f.severity]}</span>
                  <span className={s.body}>
                    {f.message}
                    {f.cells.length > 0 && <span className={s.cells}>{formatCells(f.cells, { maxItems: 3, maxLength: 160 })}</span>}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        {!all && g.findings.length > GROUP_CAP && (
          <Button size="small" appearance="subtle" onClick={() => setExpanded((p) => new Set(p).add(g.id))}>
            显示全部 {g.findings.length} 条
          </Button>
        )}
      </>
    );
  };

  const select = async (f: Finding, key: string) => {
    setSelected(key);
    if (f.cells.length === 0) return;
    try {
      await engine.host.selectCells(f.cells);
    } catch (err) {
      engine.setNotice({ intent: 'error', text: `定位单元格失败：${err instanceof Error ? err.message : String(err)}` });
    }
  };

  return (
    <div className={s.root}>
      <div className={s.actions}>
        <Button appearance="primary" className={s.action} onClick={() => void engine.runAudit()} disabled={busy} data-testid="run-audit">
          审核
        </Button>
        <Tooltip content="用底色和批注在工作簿中标出有问题的单元格" relationship="description">
          <Button
            className={s.action}
            onClick={() => void engine.apply(markFindingsPlan(findings), `已标记 ${findings.length} 处问题。`)}
            disabled={busy || findings.length === 0}
          >
            标记
          </Button>
        </Tooltip>
        <Tooltip content="移除本工具添加的底色和批注，恢复原样" relationship="description">
          <Button className={s.action} onClick={() => void engine.apply(clearMarksPlan(), '已清除标记，单元格恢复原样。')} disabled={busy}>
            清除标记
          </Button>
        </Tooltip>
        <Tooltip content="把审核结果写入新的工作表" relationship="description">
          <Button
            className={s.action}
            onClick={() => audit && void engine.apply(findingsSheetPlan(findings, audit.recognition), '审核结果已写入新工作表。')}
            disabled={busy || !audit}
          >
            导出结果
          </Button>
        </Tooltip>
      </div>

      {!audit && !busy && <p className={s.empty}>点击“审核”，识别工作簿中的公开表并检查合计、层级、表间关系、编码和尾差。</p>}

      {audit && (
        <>
          <div className={s.meta} data-testid="audit-meta">
            已识别 {audit.recognition.tables.length} 张表，共 {findings.length} 条结果（用时{' '}
            {Math.round(audit.timings.read + audit.timings.recognise + audit.timings.validate)} 毫秒）
          </div>
          <div className={s.summary} role="group" aria-label="按级别筛选审核结果">
            {SEVERITY_ORDER.map((sev, i) => (
              <Fragment key={sev}>
                {i > 0 && (
                  <span className={s.dot} aria-hidden="true">
                    ·
                  </span>
                )}
                <ToggleButton
                  size="small"
                  appearance="subtle"
                  className={s.chip}
                  checked={only === sev}
                  onClick={() => filterTo(sev)}
                  aria-label={
                    only === sev
                      ? `${SEVERITY_LABEL[sev]} ${summary[sev]} 条，正在只看${SEVERITY_LABEL[sev]}；再按一次显示全部`
                      : `${SEVERITY_LABEL[sev]} ${summary[sev]} 条，只看${SEVERITY_LABEL[sev]}`
                  }
                  data-testid={`count-${sev}`}
                >
                  {SEVERITY_LABEL[sev]} {summary[sev]}
                </ToggleButton>
              </Fragment>
            ))}
          </div>
          <div className={s.filterLine} role="status" aria-live="polite" data-testid="filter-status">
            {only && (
              <>
                <span>
                  仅显示“{SEVERITY_LABEL[only]}”，{summary[only]} 条（共 {findings.length} 条）。
                </span>
                <Button size="small" appearance="transparent" onClick={() => filterTo(only)} data-testid="show-all">
                  显示全部
                </Button>
              </>
            )}
          </div>
          {sections.length === 0 && <p className={s.empty}>{findings.length === 0 ? '未发现问题。' : '所选级别下没有结果。'}</p>}
          {only === null && sections.length > 0 && summary.error + summary.warning === 0 && (
            <p className={s.empty} data-testid="no-errors">
              未发现错误或警告。尾差和提示已折叠，点击展开。
            </p>
          )}
          <Accordion multiple collapsible openItems={openItems} onToggle={(_, d) => setOpen(d.openItems as string[])}>
            {sections.map((sec) => (
              <AccordionItem key={sec.severity} value={sec.severity} data-testid={`section-${sec.severity}`}>
                <AccordionHeader size="small">
                  <span className={s.groupTitle}>
                    <span className={mergeClasses(s.groupName, s.sectionName)}>
                      <span className={mergeClasses(s.tag, s[sec.severity])}>{SEVERITY_LABEL[sec.severity]}</span>
                      <CounterBadge
                        size="small"
                        appearance="ghost"
                        color={sec.severity === 'error' ? 'danger' : 'informative'}
                        count={sec.count}
                      />
                    </span>
                  </span>
                </AccordionHeader>
                <AccordionPanel>
                  {sec.groups.map((g) => (
                    <div key={g.id} className={s.table} data-testid="finding-group">
                      <div className={s.groupTitle}>
                        <span className={s.groupName}>{g.name}</span>
                        {g.sub && <span className={s.groupCounts}>{g.sub}</span>}
                      </div>
                      {renderGroup(g)}
                    </div>
                  ))}
                </AccordionPanel>
              </AccordionItem>
            ))}
          </Accordion>
        </>
      )}
    </div>
  );
}

registerPanel({ id: 'audit', label: '审核', order: 10, component: AuditPanel });

export default AuditPanel;
