/**
 * After a conversion (or its undo) the findings shown are of the figures before: say so, and check again once
 * when the 审核 pane is shown (it is mounted only while its tab is open).
 */
import { useEffect, useRef } from 'react';
import { useEngine } from '../../state';
import { useStyles } from './styles';

export function Recheck() {
  const s = useStyles();
  const engine = useEngine();
  const { audit, auditStale, busy } = engine;
  const rechecked = useRef(false);
  useEffect(() => {
    if (!auditStale || busy || rechecked.current) return;
    rechecked.current = true;
    void engine.runAudit();
  }, [auditStale, busy, engine]);
  if (!audit || !auditStale) return null;
  return (
    <p className={s.gap} data-testid="audit-stale">
      工作簿已换算单位（或撤销换算），以下是换算前的审核结果，正在重新审核…
    </p>
  );
}
