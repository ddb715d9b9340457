// The commands of the status bar item's hover: refresh now, and show the log.
import * as vscode from 'vscode';
import type { RefreshResult } from '../core/scheduler';
import type { Command } from './commandManager';
import { COMMANDS } from './commands';
import type { Log } from './log';

export class RefreshCommand implements Command {
  readonly id = COMMANDS.refresh;

  constructor(private readonly data: { refreshNow(): Promise<RefreshResult> }) {}

  async execute(): Promise<void> {
    const result = await this.data.refreshNow();
    if (result.kind === 'deferred') {
      const seconds = Math.ceil((result.untilMs - Date.now()) / 1000);
      vscode.window.setStatusBarMessage(
        `Mining Economics: the server asked us to wait; next try in ${seconds} s.`,
        5000,
      );
    }
  }
}

export class ShowLogCommand implements Command {
  readonly id = COMMANDS.showLog;

  constructor(private readonly log: Log) {}

  execute(): void {
    this.log.show(true);
  }
}
