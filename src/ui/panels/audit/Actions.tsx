/** The 审核 panel's buttons: 审核, 标记, 清除标记, 导出结果. */
import { Button, Tooltip } from '@fluentui/react-components';
import { clearMarksPlan, findingsSheetPlan, markFindingsPlan } from '../../../core/plans/index';
import { useEngine } from '../../state';
import { useStyles } from './styles';

export function AuditActions() {
  const s = useStyles();
  const engine = useEngine();
  const { audit, busy } = engine;
  const findings = audit?.validation.findings ?? [];
  return (
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
  );
}
