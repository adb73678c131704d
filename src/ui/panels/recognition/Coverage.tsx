/** A recognised table's coverage: the identities that ran on it, and the amounts none checked, with why. */
import { Button } from '@fluentui/react-components';
import type { TableCoverage } from '../../../core/model';
import { coverageText } from '../../../core/reading';
import { useEngine } from '../../state';
import { useStyles } from './styles';

/** Reasons listed under a table; the finding (审核) has every cell. */
const SHOWN_REASONS = 3;

export function CoverageFacts({ coverage: c }: { coverage: TableCoverage }) {
  const s = useStyles();
  const { host } = useEngine();
  const whys = [...new Set(c.unchecked.map((u) => u.why ?? '原因不明'))];
  return (
    <>
      <dt className={s.dt}>核对覆盖</dt>
      <dd className={s.dd} data-testid="table-coverage">
        <span className={c.unchecked.length ? s.low : undefined}>{coverageText(c)}</span>
        {c.unchecked.length > 0 && (
          <>
            <ul className={s.whys}>
              {whys.slice(0, SHOWN_REASONS).map((w) => (
                <li key={w}>{w}</li>
              ))}
              {whys.length > SHOWN_REASONS && <li>另有 {whys.length - SHOWN_REASONS} 种原因，见审核结果</li>}
            </ul>
            <Button
              size="small"
              appearance="transparent"
              className={s.link}
              onClick={() => void host.selectCells(c.unchecked.map((u) => u.cell)).catch(() => undefined)}
            >
              定位未核对的 {c.unchecked.length} 个金额
            </Button>
          </>
        )}
      </dd>
    </>
  );
}
