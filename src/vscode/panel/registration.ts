// The panel feature as the extension bundle sees it: its command and its serializer, registered at
// activation, and its code — a separate bundle, dist/panel.js, that esbuild.js leaves as this require —
// loaded the first time either is used.
import * as vscode from 'vscode';
import { PANEL_VIEW_TYPE } from '../../shared/protocol';
import type { Command } from '../commandManager';
import { COMMANDS } from '../commands';
import { Disposable } from '../dispose';
import type { PanelManager } from './index';
import type { PanelDeps } from './panelHost';

type PanelModule = typeof import('./index');

function loadPanelModule(): PanelModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./panel.js') as PanelModule;
}

export class PanelFeature extends Disposable {
  private manager: PanelManager | undefined;

  constructor(
    private readonly deps: PanelDeps,
    private readonly load: () => PanelModule = loadPanelModule,
  ) {
    super();
    this._register(
      vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state) => this.getManager().revive(panel, state),
      }),
    );
  }

  /** "Bitcoin: Show Mining Economics". */
  show(): void {
    this.getManager().show();
  }

  private getManager(): PanelManager {
    this.manager ??= this._register(this.load().createPanelManager(this.deps));
    return this.manager;
  }
}

export class ShowPanelCommand implements Command {
  readonly id = COMMANDS.show;

  constructor(private readonly feature: PanelFeature) {}

  execute(): void {
    this.feature.show();
  }
}
