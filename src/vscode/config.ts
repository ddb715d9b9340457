// A typed, immutable settings snapshot and its change events. Invalid values are reported once per change
// (log + one notification naming the setting), never on every refresh.
import * as vscode from 'vscode';
import { readSettings, SETTINGS_SECTION, type Settings, type SettingsProblem } from '../core/settings';
import type { Log } from './log';

export interface ProxyConfig {
  readonly proxyUrl: string;
  readonly strictSsl: boolean;
  readonly noProxy: readonly string[];
}

export class ConfigService implements vscode.Disposable {
  private current: Settings;
  private readonly emitter = new vscode.EventEmitter<{ previous: Settings; current: Settings }>();
  private readonly subscription: vscode.Disposable;
  private lastProblemKey = '';
  readonly onDidChange = this.emitter.event;

  constructor(private readonly log: Log) {
    this.current = this.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SETTINGS_SECTION) && !event.affectsConfiguration('http')) return;
      const previous = this.current;
      this.current = this.read();
      this.emitter.fire({ previous, current: this.current });
    });
  }

  get settings(): Settings {
    return this.current;
  }

  proxy(): ProxyConfig {
    const http = vscode.workspace.getConfiguration('http');
    return {
      proxyUrl: http.get<string>('proxy') ?? '',
      strictSsl: http.get<boolean>('proxyStrictSSL') ?? true,
      noProxy: http.get<string[]>('noProxy') ?? [],
    };
  }

  private read(): Settings {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const { settings, problems } = readSettings((key) => config.get(key));
    this.report(problems);
    return settings;
  }

  private report(problems: readonly SettingsProblem[]): void {
    const key = problems.map((p) => `${p.setting}:${p.message}`).join('|');
    if (key === this.lastProblemKey) return;
    this.lastProblemKey = key;
    for (const p of problems) this.log.warn(`Setting ${p.setting} ${p.message}`);
    if (problems.length > 0) {
      const first = problems[0]!;
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more, see the log)` : '';
      void vscode.window
        .showWarningMessage(`Mining Economics: setting ${first.setting} ${first.message}${more}`, 'Open Settings')
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', first.setting);
        });
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
