/**
 * The standalone page: open a local .xlsx (or the bundled sample), see it in a read-only grid, run the same pane
 * as the add-in beside it, download the workbook with the marks. Nothing is uploaded: the file is read in the
 * page and only ever leaves it as the download.
 */
import { Button, FluentProvider, MessageBar, MessageBarBody, Spinner, webLightTheme } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FileEngineHost } from '../adapters/xlsx/host';
import { readSheetLook } from '../adapters/xlsx/read/look';
import { LEDGER_SHEET } from '../core/ledger';
import { App } from '../ui/App';
import { errorMessage } from '../ui/labels';
import { Grid, type GridSelection } from './Grid';
import { buildSheetView } from './view';

export const SAMPLE_FILE = '上饶市医疗保障局2022年度部门决算.xlsx';
export const SAMPLE_URL = `samples/${encodeURIComponent(SAMPLE_FILE)}`;

export interface WebAppProps {
  /** Open the bundled sample on start (`?sample=1`). */
  openSample?: boolean;
  /** Run 审核 as soon as a workbook is open (`?run=1`). */
  autoRun?: boolean;
  initialPanel?: string;
}

interface Opened {
  host: FileEngineHost;
  /** Distinguishes two opens of the same file: the pane starts fresh. */
  id: number;
}

function downloadName(name: string): string {
  const base = name.replace(/\.xlsx$/i, '');
  return `${base}（已审核）.xlsx`;
}

/** Hands the bytes to the browser as a download. */
function saveFile(bytes: ArrayBuffer, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface ToolbarProps {
  busy: boolean;
  /** The open workbook's name, or null. */
  fileName: string | null;
  onFile: (file: File) => void;
  onSample: () => void;
  onDownload: () => void;
}

/** The page's toolbar: open a file or the sample, download, what is open, and that nothing leaves the machine. */
function Toolbar({ busy, fileName, onFile, onSample, onDownload }: ToolbarProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <header className="toolbar">
      <h1 className="brand">决算公开助手</h1>
      <input
        ref={fileInput}
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="file-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) onFile(f);
          e.target.value = '';
        }}
      />
      <Button appearance="primary" onClick={() => fileInput.current?.click()} disabled={busy}>
        打开 .xlsx 文件
      </Button>
      <Button onClick={onSample} disabled={busy} data-testid="open-sample">
        打开示例（上饶市医疗保障局 2022）
      </Button>
      <Button onClick={onDownload} disabled={fileName === null || busy} data-testid="download">
        下载修改后的工作簿
      </Button>
      <span className="file-name" data-testid="file-name">
        {fileName ?? '未打开工作簿'}
      </span>
      <span className="privacy">文件只在本机浏览器中处理，不会上传。</span>
    </header>
  );
}

/** Asks before the tab closes while `unsaved`. */
function useUnsavedWarning(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
}

/**
 * The visible sheets, the one shown (`active`, or the first when it went away: a cleared 审核结果) and its view.
 * `version` counts the changes of the workbook, which the host edits in place (the object stays the same): the
 * sheet list changes when a plan adds or removes a sheet, the view when it writes.
 */
function useSheetView(host: FileEngineHost | null, active: string, version: number) {
  const sheets = useMemo(
    () =>
      host
        ? host.workbook.book.sheets
            .filter((w) => w.state === 'visible' && w.type === 'worksheet' && w.name !== LEDGER_SHEET)
            .map((w) => w.name)
        : [],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version`: the workbook changed in place
    [host, version],
  );
  const shown = sheets.length > 0 && !sheets.includes(active) ? sheets[0] : active;
  const view = useMemo(() => {
    if (!host || !shown) return null;
    const snap = (host.lastSnapshot ?? host.snapshotNow()).sheets.find((s) => s.name === shown);
    if (!snap) return null;
    return buildSheetView(snap, readSheetLook(host.workbook, shown));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version`: the workbook changed in place
  }, [host, shown, version]);
  return { sheets, shown, view };
}

/**
 * The page: its state (the open workbook, its version, the shown sheet and selection) and the layout it feeds.
 * About 130 lines, half of them the layout; the parts with a job of their own are split out (Toolbar, saveFile,
 * useSheetView, useUnsavedWarning) — what stays is the wiring between the grid, the pane and the host.
 */
export function WebApp({ openSample, autoRun, initialPanel }: WebAppProps) {
  const [opened, setOpened] = useState<Opened | null>(null);
  const [loading, setLoading] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [savedVersion, setSavedVersion] = useState(0);
  const [active, setActive] = useState('');
  const [selection, setSelection] = useState<GridSelection | null>(null);
  const counter = useRef(0);

  const open = useCallback(async (what: string, load: () => Promise<FileEngineHost>) => {
    setLoading(what);
    setError(null);
    try {
      const host = await load();
      counter.current++;
      setOpened({ host, id: counter.current });
      setSelection(null);
      setVersion(0);
      setSavedVersion(0);
      const first = host.workbook.book.sheets.find((w) => w.state === 'visible' && w.type === 'worksheet');
      setActive(first?.name ?? '');
    } catch (err) {
      setError(errorMessage(err, '打开工作簿'));
    } finally {
      setLoading(null);
    }
  }, []);

  const openFile = (file: File) =>
    void open(`正在打开“${file.name}”…`, async () => FileEngineHost.fromBuffer(new Uint8Array(await file.arrayBuffer()), file.name));

  const openBundledSample = useCallback(
    () =>
      void open('正在打开示例工作簿…', async () => {
        const res = await fetch(SAMPLE_URL);
        if (!res.ok) throw new Error(`示例文件不可用（HTTP ${res.status}）`);
        return FileEngineHost.fromBuffer(new Uint8Array(await res.arrayBuffer()), SAMPLE_FILE);
      }),
    [open],
  );

  useEffect(() => {
    // Opening the sample is an outside action (a fetch) started once on load; its 正在打开 state is set as it starts.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (openSample) openBundledSample();
  }, [openSample, openBundledSample]);

  useEffect(() => {
    if (!opened) return;
    return opened.host.subscribe((e) => {
      if (e.type === 'change') {
        setVersion(e.version);
        // A sheet the plan added (审核结果) is shown at once, as Excel does.
        const added = e.report?.sheetsAdded ?? [];
        if (added.length > 0) setActive(added[added.length - 1]);
      } else {
        setActive(e.sheet);
        setSelection({ sheet: e.sheet, ranges: e.ranges, seq: Date.now() });
      }
    });
  }, [opened]);

  // Changes live only in this page until downloaded: ask before the tab closes.
  useUnsavedWarning(version !== savedVersion);
  const host = opened?.host ?? null;
  const { sheets, shown, view } = useSheetView(host, active, version);

  const download = async () => {
    if (!host) return;
    try {
      saveFile(await host.toBuffer(), downloadName(host.name));
      setSavedVersion(version);
    } catch (err) {
      setError(errorMessage(err, '生成下载文件'));
    }
  };

  return (
    <FluentProvider theme={webLightTheme} className="page">
      <Toolbar
        busy={!!loading}
        fileName={host ? host.name : null}
        onFile={openFile}
        onSample={openBundledSample}
        onDownload={() => void download()}
      />
      {error && (
        <MessageBar intent="error" className="page-error" data-testid="page-error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <main
        className="workspace"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          const f = e.dataTransfer.files?.[0];
          if (f) openFile(f);
        }}
      >
        <section className="grid-area" aria-label="工作簿内容">
          {loading && <Spinner label={loading} className="loading" />}
          {!loading && !host && (
            <div className="empty">
              <p>打开一个 .xlsx 决算公开工作簿（或把文件拖到这里），右侧的助手会识别并审核其中的公开表。</p>
            </div>
          )}
          {host && !loading && (
            <Grid
              sheets={sheets}
              active={shown}
              onActivate={(s) => setActive(s)}
              view={view}
              selection={selection}
              onSelect={setSelection}
            />
          )}
        </section>
        <aside className="pane" aria-label="决算公开助手">
          {opened ? (
            <App key={opened.id} host={opened.host} autoRun={autoRun} initialPanel={initialPanel} />
          ) : (
            <div className="pane-empty">请先打开工作簿。</div>
          )}
        </aside>
      </main>
    </FluentProvider>
  );
}
