/**
 * 审核: one primary button runs read → recognise → validate; findings in reading order: a section per severity
 * (错误 and 警告 open, 尾差 and 提示 folded), each grouped by table in workbook order. Above the list, one button
 * per severity with its count (错误 3 · 警告 0 · 尾差 7 · 提示 0) shows only that severity, opened; pressed again,
 * everything; and a line saying how much the identities covered. Clicking (Enter/Space: they are buttons) a
 * finding selects its cells in the workbook. Parts in ./audit.
 */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, CounterBadge, mergeClasses } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { Finding, Severity } from '../../core/model';
import { emptyCounts, sectionFindings } from '../grouping';
import { SEVERITY_LABEL, SEVERITY_ORDER } from '../labels';
import { registerPanel } from '../registry';
import { useEngine } from '../state';
import { AuditActions } from './audit/Actions';
import { CoverageLine } from './audit/CoverageLine';
import { FindingGroup } from './audit/FindingGroup';
import { Recheck } from './audit/Recheck';
import { SeverityFilter } from './audit/SeverityFilter';
import { useStyles } from './audit/styles';

/** One empty list for every render without an audit (a new [] would change the memos' inputs each time). */
const NO_FINDINGS: Finding[] = [];

function AuditPanel() {
  const s = useStyles();
  const engine = useEngine();
  const { audit, busy } = engine;
  // null: every severity; otherwise only that one (the summary buttons).
  const [only, setOnly] = useState<Severity | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [open, setOpen] = useState<string[] | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());

  const findings = audit?.validation.findings ?? NO_FINDINGS;
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
      <AuditActions />

      {!audit && !busy && <p className={s.empty}>点击“审核”，识别工作簿中的公开表并检查合计、层级、表间关系、编码和尾差。</p>}

      <Recheck />

      {audit && (
        <>
          <div className={s.meta} data-testid="audit-meta">
            已识别 {audit.recognition.tables.length} 张表，共 {findings.length} 条结果（用时{' '}
            {Math.round(audit.timings.read + audit.timings.recognise + audit.timings.validate)} 毫秒）
          </div>
          <CoverageLine coverage={audit.validation.coverage} />
          <SeverityFilter summary={summary} total={findings.length} only={only} onFilter={filterTo} />
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
                      <FindingGroup
                        group={g}
                        indexed={indexed}
                        selected={selected}
                        onSelect={(f, key) => void select(f, key)}
                        all={expanded.has(g.id)}
                        onShowAll={() => setExpanded((p) => new Set(p).add(g.id))}
                      />
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
