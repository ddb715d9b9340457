// The panel's host side, a bundle of its own (dist/panel.js), loaded by ./registration.ts the first time
// the panel is shown or revived.
import { PanelManager } from './panelManager';
import type { PanelDeps } from './panelHost';

export type { PanelManager };

export function createPanelManager(deps: PanelDeps): PanelManager {
  return new PanelManager(deps);
}
