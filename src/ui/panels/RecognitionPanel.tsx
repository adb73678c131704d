/**
 * 识别: what recognition found (sheet, range, title, unit, year, confidence, how much the identities covered),
 * what it could not place, and the user's corrections of a table's kind, saved in the workbook and used on the
 * next 审核. Parts in ./recognition.
 */
import { Button } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { RecognisedTable, UnrecognisedRegion } from '../../core/model';
import { cellAddress } from '../../core/snapshot';
import { registerPanel } from '../registry';
import { NOT_A_TABLE, specChoices, specLabel } from '../specChoices';
import { useEngine } from '../state';
import { OtherOverrides } from './recognition/OtherOverrides';
import { key, useStyles } from './recognition/styles';
import { TableCard } from './recognition/TableCard';
import { Unrecognised } from './recognition/Unrecognised';
import { Notices } from './recognition/Notices';
import { useOverrides } from './recognition/useOverrides';

const anchorOf = (t: RecognisedTable) => cellAddress(t.anchor.row, t.anchor.col);

function RecognitionPanel() {
  const s = useStyles();
  const engine = useEngine();
  const { audit, busy } = engine;
  const { overrides, byKey, save } = useOverrides();
  const choices = useMemo(() => specChoices(audit?.recognition.tables ?? []), [audit]);
  const coverage = useMemo(() => new Map((audit?.validation.coverage ?? []).map((c) => [c.table, c])), [audit]);

  const correct = (t: RecognisedTable, specId: string | null) => {
    const anchor = anchorOf(t);
    const rest = overrides.filter((o) => key(o) !== key({ sheet: t.sheet, anchor }));
    const next = specId === t.specId ? rest : [...rest, { sheet: t.sheet, anchor, specId }];
    void save(next, `已保存“${t.sheet}!${anchor}”的更正，重新审核后生效。`);
  };

  const assign = (u: UnrecognisedRegion, specId: string) => {
    const anchor = cellAddress(u.range.top, u.range.left);
    const rest = overrides.filter((o) => key(o) !== key({ sheet: u.sheet, anchor }));
    void save(
      [...rest, { sheet: u.sheet, anchor, specId }],
      `已把“${u.sheet}!${anchor}”指定为${specLabel(specId, choices)}，重新审核后生效。`,
    );
  };

  if (!audit) {
    return (
      <div className={s.root}>
        <p className={s.empty}>尚未识别。运行审核后，这里列出识别到的公开表，并可更正表的类型。</p>
        <Button appearance="primary" className={s.link} disabled={busy} onClick={() => void engine.runAudit()}>
          识别并审核
        </Button>
      </div>
    );
  }

  const { tables, unrecognised, notices } = audit.recognition;
  const pendingChanges =
    overrides.some((o) => !(audit.snapshot.overrides ?? []).some((p) => key(p) === key(o) && p.specId === o.specId)) ||
    (audit.snapshot.overrides ?? []).some((p) => !byKey.has(key(p)));
  const others = overrides.filter((o) => !tables.some((t) => key({ sheet: t.sheet, anchor: anchorOf(t) }) === key(o)));

  return (
    <div className={s.root}>
      {pendingChanges && (
        <Button appearance="primary" className={s.link} disabled={busy} onClick={() => void engine.runAudit()}>
          按更正重新审核
        </Button>
      )}
      <section aria-labelledby="juesuan-rec-tables">
        <h2 className={s.h2} id="juesuan-rec-tables">
          识别到的公开表（{tables.length}）
        </h2>
        {tables.length === 0 && <p className={s.empty}>没有识别到公开表。</p>}
        <ul className={s.list}>
          {tables.map((t) => {
            const ov = byKey.get(key({ sheet: t.sheet, anchor: anchorOf(t) }));
            return (
              <TableCard
                key={t.id}
                table={t}
                coverage={coverage.get(t.id)}
                selectedId={ov ? (ov.specId ?? NOT_A_TABLE) : t.specId}
                corrected={!!ov}
                choices={choices}
                onCorrect={(specId) => correct(t, specId)}
              />
            );
          })}
        </ul>
      </section>

      <OtherOverrides
        others={others}
        choices={choices}
        onUndo={(o) =>
          void save(
            overrides.filter((x) => key(x) !== key(o)),
            `已撤销“${o.sheet}!${o.anchor}”的更正。`,
          )
        }
      />

      <Unrecognised regions={unrecognised} choices={choices} onAssign={assign} />

      <Notices notices={notices} />
    </div>
  );
}

registerPanel({ id: 'recognition', label: '识别', order: 20, component: RecognitionPanel });

export default RecognitionPanel;
