/** The corrections saved in the workbook, loaded after every 审核, and saving a new list of them. */
import { useEffect, useMemo, useState } from 'react';
import type { KindOverride } from '../../../core/snapshot';
import { useEngine } from '../../state';
import { key } from './styles';

export function useOverrides() {
  const engine = useEngine();
  const { audit, host } = engine;
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

  const byKey = useMemo(() => new Map((overrides ?? []).map((o) => [key(o), o])), [overrides]);

  /** Saves `next` in the workbook; says `done` when it worked. */
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

  return { overrides: overrides ?? [], byKey, save };
}
