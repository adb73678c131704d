/** One table's findings in a section of the 审核 panel: each a button that selects its cells. */
import { Button, mergeClasses } from '@fluentui/react-components';
import { formatCells } from '../../../core/cells';
import type { Finding } from '../../../core/model';
import type { Group } from '../../grouping';
import { SEVERITY_LABEL } from '../../labels';
import { useStyles } from './styles';

/** Findings shown per group before "显示全部"; keeps the pane quick on a workbook with thousands. */
const GROUP_CAP = 200;

export function findingKey(f: Finding, i: number): string {
  return `${i}|${f.rule}|${f.cells[0] ?? ''}`;
}

export interface FindingGroupProps {
  group: Group;
  /** Each finding's place in the validator's list (for its key). */
  indexed: Map<Finding, number>;
  selected: string | null;
  onSelect: (f: Finding, key: string) => void;
  /** All findings shown, not only the first GROUP_CAP (kept by the panel: a folded section forgets nothing). */
  all: boolean;
  onShowAll: () => void;
}

export function FindingGroup({ group: g, indexed, selected, onSelect, all, onShowAll }: FindingGroupProps) {
  const s = useStyles();
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
                onClick={() => onSelect(f, key)}
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
        <Button size="small" appearance="subtle" onClick={onShowAll}>
          显示全部 {g.findings.length} 条
        </Button>
      )}
    </>
  );
}
