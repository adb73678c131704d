/** Regions no spec claimed, each with why and a choice to name it a disclosure table. */
import { Button, Dropdown, Field, Option } from '@fluentui/react-components';
import type { UnrecognisedRegion } from '../../../core/model';
import { quoteSheet, rangeAddress } from '../../../core/snapshot';
import type { SpecChoice } from '../../specChoices';
import { useEngine } from '../../state';
import { useStyles } from './styles';

export interface UnrecognisedProps {
  regions: UnrecognisedRegion[];
  choices: SpecChoice[];
  onAssign: (u: UnrecognisedRegion, specId: string) => void;
}

export function Unrecognised({ regions, choices, onAssign }: UnrecognisedProps) {
  const s = useStyles();
  const { busy, host } = useEngine();
  return (
    <section aria-labelledby="juesuan-rec-unrec">
      <h2 className={s.h2} id="juesuan-rec-unrec">
        未识别的区域（{regions.length}）
      </h2>
      {regions.length === 0 && <p className={s.empty}>无。</p>}
      <ul className={s.list}>
        {regions.map((u) => (
          <li key={`${u.sheet}!${rangeAddress(u.range)}`} className={s.card} data-testid="unrecognised-region">
            <Button
              size="small"
              appearance="transparent"
              className={s.link}
              onClick={() => void host.selectCells([`${quoteSheet(u.sheet)}!${rangeAddress(u.range)}`]).catch(() => undefined)}
            >
              {u.sheet}!{rangeAddress(u.range)}
            </Button>
            <span>{u.reason}</span>
            <Field label="指定为公开表" size="small">
              <Dropdown
                className={s.dropdown}
                size="small"
                placeholder="选择表的类型…"
                aria-label={`把 ${u.sheet}!${rangeAddress(u.range)} 指定为公开表`}
                disabled={busy}
                selectedOptions={[]}
                onOptionSelect={(_, d) => {
                  if (d.optionValue) onAssign(u, d.optionValue);
                }}
              >
                {choices.map((c) => (
                  <Option key={c.id} value={c.id} text={c.label}>
                    {c.label}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          </li>
        ))}
      </ul>
    </section>
  );
}
