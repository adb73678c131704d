/**
 * 识别: what recognition found (sheet, range, title, unit, year, confidence), what it could not place, and the
 * user's corrections of a table's kind, saved in the workbook and used on the next 审核.
 */
import { Button, Dropdown, Field, Option, OptionGroup, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { RecognisedTable } from '../../core/model';
import { cellAddress, quoteSheet, rangeAddress, type KindOverride } from '../../core/snapshot';
import { percent } from '../labels';
import { registerPanel } from '../registry';
import { NOT_A_TABLE, specChoices, specLabel } from '../specChoices';
import { useEngine } from '../state';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  h2: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalS,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    fontSize: tokens.fontSizeBase200,
  },
  title: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300, overflowWrap: 'anywhere' },
  facts: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalS, rowGap: '2px', margin: 0 },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0, overflowWrap: 'anywhere' },
  low: { color: tokens.colorPaletteDarkOrangeForeground2, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  dropdown: { minWidth: '0', width: '100%' },
  empty: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, margin: 0 },
  link: { alignSelf: 'flex-start' },
  address: { minWidth: 'auto', padding: 0, height: 'auto', fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightRegular },
});

function key(o: { sheet: string; anchor: string }): string {
  return `${o.sheet}!${o.anchor}`;
}

function RecognitionPanel() {
  const s = useStyles();
  const engine = useEngine();
  const { audit, busy, host } = engine;
  const [overrides, setOverrides] = useState<KindOverride[] | null>(null);

  useEffect(() => {
    let live = true;
    host
      .loadOverrides()
      .then((o) => live && setOverrides(o))
      .catch(() => live && setOverrides([]));
    return () => {
      live = false;
    };
  }, [host, audit]);

  const choices = useMemo(() => specChoices(audit?.recognition.tables ?? []), [audit]);
  const byKey = useMemo(() => new Map((overrides ?? []).map((o) => [key(o), o])), [overrides]);

  const save = async (next: KindOverride[], done: string) => {
    const ok = await engine.run('保存更正', async () => {
      await host.saveOverrides(next);
      return true;
    });
    if (ok) {
      setOverrides(next);
      engine.setNotice({ intent: 'success', text: done });
    }
  };

  const correct = (t: RecognisedTable, specId: string | null) => {
    const anchor = cellAddress(t.anchor.row, t.anchor.col);
    const rest = (overrides ?? []).filter((o) => key(o) !== key({ sheet: t.sheet, anchor }));
    const next = specId === t.specId ? rest : [...rest, { sheet: t.sheet, anchor, specId }];
    void save(next, `已保存“${t.sheet}!${anchor}”的更正，重新审核后生效。`);
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
    (overrides ?? []).some((o) => !(audit.snapshot.overrides ?? []).some((p) => key(p) === key(o) && p.specId === o.specId)) ||
    (audit.snapshot.overrides ?? []).some((p) => !byKey.has(key(p)));

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
            const anchor = cellAddress(t.anchor.row, t.anchor.col);
            const ov = byKey.get(key({ sheet: t.sheet, anchor }));
            const selectedId = ov ? (ov.specId ?? NOT_A_TABLE) : t.specId;
            const labelId = `juesuan-rec-${t.id}`;
            return (
              <li key={t.id} className={s.card} data-testid="recognised-table">
                <div className={s.title} id={labelId}>
                  {t.label ? `${t.label} ` : ''}
                  {t.title}
                </div>
                <dl className={s.facts}>
                  <dt className={s.dt}>位置</dt>
                  <dd className={s.dd}>
                    <Button
                      size="small"
                      appearance="transparent"
                      className={s.address}
                      onClick={() => void host.selectCells([`${quoteSheet(t.sheet)}!${rangeAddress(t.range)}`]).catch(() => undefined)}
                      aria-label={`定位到 ${t.sheet}!${rangeAddress(t.range)}`}
                    >
                      {t.sheet}!{rangeAddress(t.range)}
                    </Button>
                  </dd>
                  {t.printedTitle && t.printedTitle !== t.title && (
                    <>
                      <dt className={s.dt}>原标题</dt>
                      <dd className={s.dd}>{t.printedTitle}</dd>
                    </>
                  )}
                  <dt className={s.dt}>金额单位</dt>
                  <dd className={s.dd}>{t.unit ?? t.unitText ?? '未注明'}</dd>
                  <dt className={s.dt}>年度</dt>
                  <dd className={s.dd}>{t.year ?? '未注明'}</dd>
                  {t.org && (
                    <>
                      <dt className={s.dt}>编制单位</dt>
                      <dd className={s.dd}>{t.org}</dd>
                    </>
                  )}
                  <dt className={s.dt}>可信度</dt>
                  <dd className={s.dd}>
                    <span className={t.confidence < 0.7 ? s.low : undefined}>{percent(t.confidence)}</span>
                    {t.reasons.length > 0 && `（${t.reasons.slice(0, 2).join('；')}）`}
                  </dd>
                  {t.problems.length > 0 && (
                    <>
                      <dt className={s.dt}>注意</dt>
                      <dd className={s.dd}>{t.problems.slice(0, 3).join('；')}</dd>
                    </>
                  )}
                </dl>
                <Field label="表的类型" size="small">
                  <Dropdown
                    className={s.dropdown}
                    size="small"
                    aria-label={`更正 ${t.title} 的类型`}
                    value={selectedId === NOT_A_TABLE ? '不是公开表' : specLabel(selectedId, choices)}
                    selectedOptions={[selectedId]}
                    disabled={busy}
                    onOptionSelect={(_, d) => {
                      if (!d.optionValue || d.optionValue === selectedId) return;
                      correct(t, d.optionValue === NOT_A_TABLE ? null : d.optionValue);
                    }}
                  >
                    <OptionGroup label="公开表">
                      {choices.map((c) => (
                        <Option key={c.id} value={c.id} text={c.label}>
                          {c.label}
                        </Option>
                      ))}
                    </OptionGroup>
                    <Option value={NOT_A_TABLE} text="不是公开表">
                      不是公开表
                    </Option>
                  </Dropdown>
                </Field>
                {ov && <span className={s.dt}>已更正（保存在工作簿中）</span>}
              </li>
            );
          })}
        </ul>
      </section>

      {(overrides ?? []).filter(
        (o) => !tables.some((t) => key({ sheet: t.sheet, anchor: cellAddress(t.anchor.row, t.anchor.col) }) === key(o)),
      ).length > 0 && (
        <section aria-labelledby="juesuan-rec-overrides">
          <h2 className={s.h2} id="juesuan-rec-overrides">
            其他更正
          </h2>
          <ul className={s.list}>
            {(overrides ?? [])
              .filter((o) => !tables.some((t) => key({ sheet: t.sheet, anchor: cellAddress(t.anchor.row, t.anchor.col) }) === key(o)))
              .map((o) => (
                <li key={key(o)} className={s.card}>
                  <span>
                    {o.sheet}!{o.anchor}：{o.specId === null ? '不是公开表' : specLabel(o.specId, choices)}
                  </span>
                  <Button
                    size="small"
                    className={s.link}
                    disabled={busy}
                    onClick={() =>
                      void save(
                        (overrides ?? []).filter((x) => key(x) !== key(o)),
                        `已撤销“${o.sheet}!${o.anchor}”的更正。`,
                      )
                    }
                  >
                    撤销更正
                  </Button>
                </li>
              ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="juesuan-rec-unrec">
        <h2 className={s.h2} id="juesuan-rec-unrec">
          未识别的区域（{unrecognised.length}）
        </h2>
        {unrecognised.length === 0 && <p className={s.empty}>无。</p>}
        <ul className={s.list}>
          {unrecognised.map((u) => (
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
                    if (!d.optionValue) return;
                    const anchor = cellAddress(u.range.top, u.range.left);
                    const rest = (overrides ?? []).filter((o) => key(o) !== key({ sheet: u.sheet, anchor }));
                    void save(
                      [...rest, { sheet: u.sheet, anchor, specId: d.optionValue }],
                      `已把“${u.sheet}!${anchor}”指定为${specLabel(d.optionValue, choices)}，重新审核后生效。`,
                    );
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

      {notices.length > 0 && (
        <section aria-labelledby="juesuan-rec-notices">
          <h2 className={s.h2} id="juesuan-rec-notices">
            提示
          </h2>
          <ul className={s.list}>
            {notices.map((n) => (
              <li key={n} className={s.empty}>
                {n}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

registerPanel({ id: 'recognition', label: '识别', order: 20, component: RecognitionPanel });

export default RecognitionPanel;
