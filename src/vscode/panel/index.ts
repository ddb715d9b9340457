// The panel's host side, a bundle of its own (dist/panel.js), loaded by ./registration.ts the first time
// the panel is shown or revived.
import { installLocalisation } from '../l10n';
import { PanelManager } from './panelManager';
import type { PanelDeps } from './panelHost';

// This bundle has its own copy of the core's module state (the translator, the number locale): without this,
// the text it makes (the power section's states, saved files' dialogs) would stay English.
installLocalisation();

export type { PanelManager };

export function createPanelManager(deps: PanelDeps): PanelManager {
  return new PanelManager(deps);
}
