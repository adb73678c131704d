/** One recognised table: where it is, what it is, how sure, its coverage, and the correction of its kind. */
import { Button, Dropdown, Field, Option, OptionGroup } from '@fluentui/react-components';
import type { RecognisedTable, TableCoverage } from '../../../core/model';
import { quoteSheet, rangeAddress } from '../../../core/snapshot';
import { percent } from '../../labels';
import { NOT_A_TABLE, specLabel, type SpecChoice } from '../../specChoices';
import { useEngine } from '../../state';
import { CoverageFacts } from './Coverage';
import { useStyles } from './styles';

export interface TableCardProps {
  table: RecognisedTable;
  coverage: TableCoverage | undefined;
  /** The spec chosen for it: its own, a saved correction's, or NOT_A_TABLE. */
  selectedId: string;
  corrected: boolean;
  choices: SpecChoice[];
  onCorrect: (specId: string | null) => void;
}

export function TableCard({ table: t, coverage, selectedId, corrected, choices, onCorrect }: TableCardProps) {
  const s = useStyles();
  const { busy, host } = useEngine();
  const where = `${t.sheet}!${rangeAddress(t.range)}`;
  return (
    <li className={s.card} data-testid="recognised-table">
      <div className={s.title} id={`juesuan-rec-${t.id}`}>
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
            aria-label={`定位到 ${where}`}
          >
            {where}
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
        {coverage && <CoverageFacts coverage={coverage} />}
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
            onCorrect(d.optionValue === NOT_A_TABLE ? null : d.optionValue);
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
      {corrected && <span className={s.dt}>已更正（保存在工作簿中）</span>}
    </li>
  );
}
