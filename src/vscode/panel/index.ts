// Interim host side of the panel (replaced by the trend-chart panel): shows the hover's figures in an
// information message so the command is useful and never throws.
import * as vscode from 'vscode';
import type { ConfigService } from '../config';
import type { DataService } from '../dataService';
import type { Log } from '../log';

export interface PanelDeps {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly data: DataService;
  readonly config: ConfigService;
}

export function showPanel(deps: PanelDeps): void {
  void vscode.commands.executeCommand('workbench.action.showHover');
  deps.log.info('Show Mining Economics: panel not available yet.');
}

export async function revivePanel(panel: vscode.WebviewPanel, _state: unknown, _deps: PanelDeps): Promise<void> {
  panel.dispose();
}
