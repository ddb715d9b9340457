// A typed, immutable settings snapshot and its change events. Invalid values are reported once per change
// (log + one notification naming the setting), never on every refresh. The one reader of our settings.
import * as vscode from 'vscode';
import type { FleetUnit } from '../core/pnl/panelFieldNames';
import {
  neutraliseShownText,
  readSettings,
  SETTINGS_SECTION,
  type Settings,
  type SettingsProblem,
} from '../core/settings';
import { Disposable } from './dispose';
import type { Log } from './log';

export interface SettingsChange {
  readonly previous: Settings;
  readonly current: Settings;
}

export interface ProxyConfig {
  readonly proxyUrl: string;
  readonly strictSsl: boolean;
  readonly noProxy: readonly string[];
}

export class ConfigService extends Disposable {
  /** Read at the first use, not at construction: activate() builds this service but reads nothing. */
  private current: Settings | undefined;
  private currentProblems: readonly SettingsProblem[] = [];
  private currentFleetUnit: FleetUnit = 'PH/s';
  private readonly emitter = this._register(new vscode.EventEmitter<SettingsChange>());
  private lastProblemKey = '';
  readonly onDidChange = this.emitter.event;

  constructor(private readonly log: Log) {
    super();
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(SETTINGS_SECTION) && !event.affectsConfiguration('http')) return;
        // Not read yet: nobody has seen the old values, and the first read will see the new ones.
        const previous = this.current;
        if (previous === undefined) return;
        this.current = this.read();
        this.emitter.fire({ previous, current: this.current });
      }),
    );
  }

  get settings(): Settings {
    this.current ??= this.read();
    return this.current;
  }

  /** What was wrong with the settings at the last read (each replaced by its default in `settings`). */
  get problems(): readonly SettingsProblem[] {
    this.current ??= this.read();
    return this.currentProblems;
  }

  /** The fleet's unit as set, even while no fleet size is (the validated P&L inputs drop it then). */
  get fleetUnit(): FleetUnit {
    this.current ??= this.read();
    return this.currentFleetUnit;
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
    // `bitcoind.url` (application scope) as the user set it, not VS Code's default: whether a node was set up
    // at all is part of the settings (settingsNode.ts, `urlSet`).
    const { settings, problems } = readSettings((key) =>
      key === 'bitcoind.url' ? config.inspect<unknown>(key)?.globalValue : config.get(key),
    );
    this.currentProblems = problems;
    this.currentFleetUnit = config.get('pnl.fleetUnit') === 'MW' ? 'MW' : 'PH/s';
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
      const more = problems.length > 1 ? ` ${vscode.l10n.t('(and {0} more, see the log)', problems.length - 1)}` : '';
      // The messages are neutralised where they are made (core/settings.ts); once more here because a
      // notification is where `[label](command:…)` would become a link that runs a command.
      void vscode.window
        .showWarningMessage(
          neutraliseShownText(
            `Mining Economics: ${vscode.l10n.t('setting {0} {1}', first.setting, first.message)}${more}`,
          ),
          vscode.l10n.t('Open Settings'),
        )
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', first.setting);
        });
    }
  }
}
