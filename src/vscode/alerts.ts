// Opt-in notifications: one per event, never repeated on refresh, remembered across restarts.
// The state is saved before a notification is shown: a crash in between loses an alert rather than
// repeating it.
import * as vscode from 'vscode';
import { alertMessage, alertObservation, alertSettings } from '../core/glance/alertInputs';
import { computeGlanceFigures } from '../core/glance/figures';
import type { GlanceState } from '../core/glance/state';
import { evaluate, parseAlertState } from '../core/pnl/alerts';
import type { Settings } from '../core/settings';
import { COMMANDS } from './commands';
import type { Log } from './log';

const KEY = 'miningEconomics.alertState';

export class AlertNotifier {
  private lastEvaluatedFetchMs = 0;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly settings: () => Settings,
    private readonly log: Log,
  ) {}

  /** Call on every state change; only fresh live data is evaluated, once per fetch. */
  async onState(state: GlanceState): Promise<void> {
    const snapshot = state.snapshot;
    if (!snapshot || state.origin !== 'live' || snapshot.fetchedAtMs === this.lastEvaluatedFetchMs) return;
    this.lastEvaluatedFetchMs = snapshot.fetchedAtMs;
    const settings = this.settings();
    const figures = computeGlanceFigures(snapshot, settings.currency, snapshot.fetchedAtMs, settings.pnl);
    const result = evaluate(
      parseAlertState(this.memento.get(KEY)),
      alertObservation(snapshot, figures),
      alertSettings(settings, figures),
      snapshot.fetchedAtMs,
    );
    await this.memento.update(KEY, result.state);
    for (const event of result.events) {
      const message = alertMessage(event, settings.currency);
      this.log.info(`Alert: ${message}`);
      void vscode.window.showInformationMessage(`Mining Economics: ${message}`, 'Show Mining Economics').then((choice) => {
        if (choice) void vscode.commands.executeCommand(COMMANDS.show);
      });
    }
  }
}
