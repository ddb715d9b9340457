// The panel's host side, loaded lazily (dist/panel.js) the first time the panel is shown or revived.
// src/extension.ts and src/vscode/lazyModules.ts depend on these three names.
import type * as vscode from 'vscode';
import { MiningPanel, type PanelDeps } from './miningPanel';

export type { PanelDeps };

/** "Bitcoin: Show Mining Economics": reveals the panel, creating it if needed. */
export function showPanel(deps: PanelDeps): void {
  MiningPanel.show(deps);
}

/** WebviewPanelSerializer: restores the panel after a window reload; the webview restores its own state. */
export async function revivePanel(panel: vscode.WebviewPanel, state: unknown, deps: PanelDeps): Promise<void> {
  MiningPanel.revive(panel, state, deps);
}
