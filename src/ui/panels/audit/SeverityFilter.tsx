/** One button per severity with its count (错误 3 · 警告 0 · 尾差 7 · 提示 0): shows only that severity; again, all. */
import { Button, ToggleButton } from '@fluentui/react-components';
import { Fragment } from 'react';
import type { Severity } from '../../../core/model';
import { SEVERITY_LABEL, SEVERITY_ORDER } from '../../labels';
import { useStyles } from './styles';

export interface SeverityFilterProps {
  summary: Record<Severity, number>;
  total: number;
  only: Severity | null;
  onFilter: (sev: Severity) => void;
}

export function SeverityFilter({ summary, total, only, onFilter }: SeverityFilterProps) {
  const s = useStyles();
  return (
    <>
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
              onClick={() => onFilter(sev)}
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
              仅显示“{SEVERITY_LABEL[only]}”，{summary[only]} 条（共 {total} 条）。
            </span>
            <Button size="small" appearance="transparent" onClick={() => onFilter(only)} data-testid="show-all">
              显示全部
            </Button>
          </>
        )}
      </div>
    </>
  );
}
