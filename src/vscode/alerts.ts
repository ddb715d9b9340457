// Opt-in notifications: one per event, never repeated on refresh, remembered across restarts.
import * as vscode from 'vscode';
import { alertMessage, alertObservation, alertSettings } from '../core/views/alertInputs';
import { glanceEstimateOptions } from '../core/views/glanceEstimates';
import { computeGlanceFigures } from '../core/views/glanceFigures';
import type { GlanceState } from '../core/glance/state';
import { evaluate, parseAlertState, type AlertState } from '../core/pnl/alerts';
import type { Settings } from '../core/settings';
import { COMMANDS } from './commands';
import type { Log } from './log';

const KEY = 'miningEconomics.alertState';

export class AlertNotifier {
  private lastEvaluatedFetchMs = 0;
  /**
   * Read once, then written through: globalState echoes every write back to the extension host, and a
   * stale echo read mid-way would make an alert fire twice.
   */
  private state: AlertState;
  /** Evaluations run one after another, never interleaved. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly memento: vscode.Memento,
    private readonly settings: () => Settings,
    private readonly log: Log,
  ) {
    this.state = parseAlertState(memento.get(KEY));
  }

  /**
   * Call on every state change; only fresh live data is evaluated, once per fetch. The returned promise
   * rejects when this evaluation failed, but the queue goes on: one failure must not silence every later alert.
   */
  onState(glance: GlanceState): Promise<void> {
    const run = this.queue.then(() => this.evaluate(glance));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async evaluate(glance: GlanceState): Promise<void> {
    const snapshot = glance.snapshot;
    if (!snapshot || glance.origin !== 'live' || snapshot.fetchedAtMs <= this.lastEvaluatedFetchMs) return;
    this.lastEvaluatedFetchMs = snapshot.fetchedAtMs;
    const settings = this.settings();
    const figures = computeGlanceFigures(
      snapshot,
      settings.currency,
      snapshot.fetchedAtMs,
      settings.pnl,
      glanceEstimateOptions(settings),
    );
    const result = evaluate(
      this.state,
      alertObservation(snapshot, figures),
      alertSettings(settings, figures),
      snapshot.fetchedAtMs,
    );
    this.state = result.state;
    // Saved before anything is shown: a crash in between loses an alert rather than repeating it.
    await this.memento.update(KEY, result.state);
    for (const event of result.events) {
      const message = alertMessage(event, settings.currency);
      this.log.info(`Alert: ${message}`);
      void vscode.window
        .showInformationMessage(`Mining Economics: ${message}`, vscode.l10n.t('Show Mining Economics'))
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand(COMMANDS.show);
        });
    }
  }
}
