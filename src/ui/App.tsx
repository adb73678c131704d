/**
 * The task pane: shared by the Excel add-in and the standalone page. Fits a 350 px pane; every action is a real
 * button, tabs are a Fluent TabList (arrow keys), messages are MessageBars.
 */
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EngineHost } from '../core/host';
import './panels/index';
import { panelsFor } from './registry';
import { EngineProvider, useEngine } from './state';

export interface AppProps {
  host: EngineHost;
  /** Runs 审核 once as soon as the pane opens. */
  autoRun?: boolean;
  /** Id of the panel shown first (`audit`, `recognition`, …); unknown ids fall back to the first panel. */
  initialPanel?: string;
}

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    boxSizing: 'border-box',
    minWidth: '280px',
    maxWidth: '100%',
    height: '100%',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    fontFamily: tokens.fontFamilyBase,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between' },
  title: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  host: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  tabs: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})` },
  progress: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  progressText: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  panel: { flexGrow: 1, minHeight: 0, overflowY: 'auto', overflowX: 'hidden' },
  // Never squeezed by a long list below: the panel scrolls instead.
  notice: { whiteSpace: 'normal', flexShrink: 0 },
  noticeList: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export function App({ host, autoRun, initialPanel }: AppProps) {
  return (
    <FluentProvider theme={webLightTheme} style={{ height: '100%' }}>
      <EngineProvider host={host}>
        <Shell autoRun={autoRun} initialPanel={initialPanel} />
      </EngineProvider>
    </FluentProvider>
  );
}

function Shell({ autoRun, initialPanel }: { autoRun?: boolean; initialPanel?: string }) {
  const s = useStyles();
  const engine = useEngine();
  const panels = useMemo(() => panelsFor(engine.host), [engine.host]);
  const [active, setActive] = useState(() => (panels.some((p) => p.id === initialPanel) ? initialPanel! : (panels[0]?.id ?? '')));
  const started = useRef(false);

  useEffect(() => {
    if (autoRun && !started.current) {
      started.current = true;
      void engine.runAudit();
    }
  }, [autoRun, engine]);

  const current = panels.find((p) => p.id === active);
  const Panel = current?.component;
  return (
    <div className={s.root} data-testid="juesuan-pane">
      <div className={s.header}>
        <h1 className={s.title}>决算公开助手</h1>
        <span className={s.host}>{engine.host.kind === 'excel' ? 'Excel 加载项' : '本地网页 · 数据不离开本机'}</span>
      </div>
      {panels.length > 1 && (
        <TabList
          className={s.tabs}
          size="small"
          selectedValue={active}
          onTabSelect={(_, d) => setActive(String(d.value))}
          aria-label="功能"
        >
          {panels.map((p) => (
            <Tab key={p.id} value={p.id} id={`juesuan-tab-${p.id}`} aria-controls={`juesuan-panel-${p.id}`}>
              {p.label}
            </Tab>
          ))}
        </TabList>
      )}
      {engine.progress && (
        <div className={s.progress} role="status" aria-live="polite" data-testid="progress">
          <ProgressBar value={engine.progress.value ?? undefined} max={1} thickness="large" aria-label={engine.progress.text} />
          <Text className={s.progressText}>{engine.progress.text}</Text>
        </div>
      )}
      {engine.notice && (
        <MessageBar
          intent={engine.notice.intent}
          layout="multiline"
          className={s.notice}
          data-testid="notice"
          data-intent={engine.notice.intent}
        >
          <MessageBarBody>{engine.notice.text}</MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                size="small"
                aria-label="关闭提示"
                icon={<DismissRegular />}
                onClick={() => engine.setNotice(null)}
              />
            }
          />
        </MessageBar>
      )}
      {engine.applyNotices.length > 0 && (
        <MessageBar intent="info" layout="multiline" className={s.notice} data-testid="apply-notices" data-intent="info">
          <MessageBarBody>
            {engine.applyNotices.length === 1 ? (
              engine.applyNotices[0]
            ) : (
              <ul className={s.noticeList}>
                {engine.applyNotices.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
          </MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                size="small"
                aria-label="关闭说明"
                icon={<DismissRegular />}
                onClick={() => engine.setApplyNotices([])}
              />
            }
          />
        </MessageBar>
      )}
      {Panel && current && (
        <div className={s.panel} role="tabpanel" id={`juesuan-panel-${current.id}`} aria-labelledby={`juesuan-tab-${current.id}`}>
          <Panel />
        </div>
      )}
      {!Panel && <Text>没有可用的功能面板。</Text>}
    </div>
  );
}

export default App;
