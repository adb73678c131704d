/** Saved corrections of places no recognised table sits on now, each with 撤销更正. */
import { Button } from '@fluentui/react-components';
import type { KindOverride } from '../../../core/snapshot';
import { specLabel, type SpecChoice } from '../../specChoices';
import { useEngine } from '../../state';
import { key, useStyles } from './styles';

export interface OtherOverridesProps {
  others: KindOverride[];
  choices: SpecChoice[];
  onUndo: (o: KindOverride) => void;
}

export function OtherOverrides({ others, choices, onUndo }: OtherOverridesProps) {
  const s = useStyles();
  const { busy } = useEngine();
  if (others.length === 0) return null;
  return (
    <section aria-labelledby="juesuan-rec-overrides">
      <h2 className={s.h2} id="juesuan-rec-overrides">
        其他更正
      </h2>
      <ul className={s.list}>
        {others.map((o) => (
          <li key={key(o)} className={s.card}>
            <span>
              {o.sheet}!{o.anchor}：{o.specId === null ? '不是公开表' : specLabel(o.specId, choices)}
            </span>
            <Button size="small" className={s.link} disabled={busy} onClick={() => onUndo(o)}>
              撤销更正
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
