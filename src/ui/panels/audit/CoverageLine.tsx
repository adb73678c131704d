/** The workbook's coverage in one line: identities that ran, amounts none checked (the 识别 panel lists them per table). */
import type { TableCoverage } from '../../../core/model';
import { useStyles } from './styles';

export function CoverageLine({ coverage }: { coverage: readonly TableCoverage[] }) {
  const s = useStyles();
  const identities = coverage.reduce((n, c) => n + c.identities, 0);
  const amounts = coverage.reduce((n, c) => n + c.amounts, 0);
  const gaps = coverage.filter((c) => c.unchecked.length > 0);
  const unchecked = gaps.reduce((n, c) => n + c.unchecked.length, 0);
  return (
    <div className={unchecked ? s.gap : s.meta} data-testid="audit-coverage">
      {`核对 ${identities} 项，${amounts} 个金额` +
        (unchecked === 0 ? '均参与核对' : `中 ${unchecked} 个未参与任何核对（${gaps.length} 张表，详见“识别”）`)}
    </div>
  );
}
