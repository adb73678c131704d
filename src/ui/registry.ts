/**
 * Panel registry: the pane shows exactly the panels registered here, in `order`. A later feature (单位换算,
 * 情况说明, 模板) adds one file that calls `registerPanel` and one import line in `panels/index.ts`.
 */
import type { ComponentType } from 'react';
import type { EngineHost } from '../core/host';

export interface PanelDef {
  /** Stable id, also the `initialPanel` prop value: `audit`, `recognition`, … */
  id: string;
  /** Tab label (Chinese, short: it must fit a 350 px pane with the others). */
  label: string;
  /** Sort key; built-ins use 10, 20, … */
  order: number;
  component: ComponentType;
  /** Hide the panel on hosts that cannot do what it needs. */
  available?: (host: EngineHost) => boolean;
}

const panels = new Map<string, PanelDef>();

export function registerPanel(def: PanelDef): void {
  panels.set(def.id, def);
}

export function unregisterPanel(id: string): void {
  panels.delete(id);
}

/** Registered panels the host supports, in order. */
export function panelsFor(host: EngineHost): PanelDef[] {
  return [...panels.values()]
    .filter((p) => !p.available || p.available(host))
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}
