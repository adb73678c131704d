/**
 * 模板: blank standard tables of a set (江西/云南/上海), in the published layout, inserted as new sheets whose totals
 * are formulas (src/core/templates). Tables of a kind the workbook already holds are not inserted again (listed);
 * 撤销插入 removes the inserted sheets (one tag in the workbook's ledger).
 */
import { Button, Checkbox, Field, Input, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { recognise } from '../../core/recognise';
import { specById } from '../../core/specs';
import { TEMPLATE_SETS, TEMPLATE_TAG, templatePlan, type TemplateSetId, type TemplateUnit } from '../../core/templates';
import { registerPanel } from '../registry';
import { useEngine } from '../state';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  tables: { display: 'flex', flexDirection: 'column' },
  summary: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, whiteSpace: 'normal' },
});

const SET_IDS = Object.keys(TEMPLATE_SETS) as TemplateSetId[];
const keyOf = (t: { no: string | null; specId: string }) => t.no ?? t.specId;

function TemplatePanel() {
  const s = useStyles();
  const engine = useEngine();
  const { host, busy } = engine;
  const [set, setSet] = useState<TemplateSetId>('jiangxi');
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(TEMPLATE_SETS.jiangxi.tables.map(keyOf)));
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  const [unit, setUnit] = useState<TemplateUnit>('万元');
  const [org, setOrg] = useState(() => engine.audit?.recognition.tables.find((t) => t.org)?.org ?? '');
  const [skipped, setSkipped] = useState<string[]>([]);
  const tables = TEMPLATE_SETS[set].tables;

  const pickSet = (id: TemplateSetId) => {
    setSet(id);
    setChosen(new Set(TEMPLATE_SETS[id].tables.map(keyOf)));
  };
  const toggle = (key: string, on: boolean) =>
    setChosen((c) => {
      const next = new Set(c);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  const doInsert = async () => {
    const y = Number(year);
    if (!Number.isInteger(y) || y < 2000 || y > 2100) {
      engine.setNotice({ intent: 'warning', text: '年度须为四位年份，如 2024。' });
      return;
    }
    const wanted = tables.map(keyOf).filter((k) => chosen.has(k));
    if (wanted.length === 0) {
      engine.setNotice({ intent: 'warning', text: '请至少选择一张表。' });
      return;
    }
    const prepared = await engine.run('准备模板', async () => {
      const snapshot = await host.readSnapshot();
      const existingSheets = snapshot.sheets.map((x) => x.name);
      return templatePlan({ set, tables: wanted, year: y, unit, org: org.trim() || 'XX单位', existingSheets }, recognise(snapshot));
    });
    if (!prepared) return;
    setSkipped(prepared.skipped);
    if (prepared.sheets.length === 0) {
      engine.setNotice({ intent: 'warning', text: '所选的表工作簿中都已有，未插入。' });
      return;
    }
    await engine.apply(
      prepared.plan,
      `已插入 ${prepared.sheets.length} 张表：${prepared.sheets.map((x) => x.name).join('、')}。合计、小计为公式，填写明细即可。`,
    );
  };

  const doUndo = () =>
    engine
      .apply({ title: '撤销插入模板', ops: [{ op: 'clearTag', tag: TEMPLATE_TAG }] }, '已删除插入的模板工作表。')
      .then(() => setSkipped([]));

  return (
    <div className={s.root}>
      <Field label="格式（地区）">
        <RadioGroup layout="horizontal" value={set} onChange={(_, d) => pickSet(d.value as TemplateSetId)}>
          {SET_IDS.map((id) => (
            <Radio key={id} value={id} label={TEMPLATE_SETS[id].name} />
          ))}
        </RadioGroup>
      </Field>
      <Field label="表">
        <div className={s.tables} data-testid="template-tables">
          {tables.map((t) => (
            <Checkbox
              key={keyOf(t)}
              checked={chosen.has(keyOf(t))}
              onChange={(_, d) => toggle(keyOf(t), d.checked === true)}
              label={`${t.no ? (set === 'shanghai' ? `表${t.no}` : `公开${t.no}表`) : '附件'} ${specById(t.specId)?.title ?? t.specId}`}
            />
          ))}
        </div>
      </Field>
      <Field label="年度">
        <Input type="number" value={year} onChange={(_, d) => setYear(d.value)} data-testid="template-year" />
      </Field>
      <Field label="金额单位">
        <RadioGroup layout="horizontal" value={unit} onChange={(_, d) => setUnit(d.value as TemplateUnit)}>
          <Radio value="万元" label="万元" />
          <Radio value="元" label="元" />
        </RadioGroup>
      </Field>
      <Field label="编制单位">
        <Input value={org} placeholder="如：某某市医疗保障局" onChange={(_, d) => setOrg(d.value)} data-testid="template-org" />
      </Field>
      <div className={s.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => void doInsert()} data-testid="template-insert">
          插入
        </Button>
        <Button disabled={busy} onClick={() => void doUndo()} data-testid="template-undo">
          撤销插入
        </Button>
      </div>
      {skipped.map((line) => (
        <Text key={line} className={s.summary} block data-testid="template-skipped">
          {line}
        </Text>
      ))}
    </div>
  );
}

registerPanel({ id: 'template', label: '模板', order: 40, component: TemplatePanel });
