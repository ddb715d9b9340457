// The status bar item and its Markdown hover: a renderer of GlanceState, nothing more.
import * as vscode from 'vscode';
import { describeError } from '../core/errors';
import { formatDateTimeMedium } from '../core/format';
import { glanceEstimateOptions } from '../core/views/glanceEstimates';
import { computeGlanceFigures, type GlanceFigures } from '../core/views/glanceFigures';
import { hoverMarkdown } from '../core/views/hoverMarkdown';
import { compareSources, viewFromFigures, type SourceView } from '../core/views/secondOpinion';
import { sourceHealth } from '../core/glance/sourceHealth';
import { staleness, type GlanceState } from '../core/glance/state';
import { showsMargin, statusSentence, statusText } from '../core/views/statusText';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import { COMMANDS } from './commands';
import type { Log } from './log';
import { clampDelayMs } from '../core/timers';

export const STATUS_ITEM_ID = 'miningEconomics.status';
/** The hover says "updated 2 min ago": re-render often enough for that to stay true. */
const AGE_TICK_MS = 30_000;

export class StatusBarView implements vscode.Disposable {
  /** Created at the first paint (the turn after activate()), like the settings it is placed by: not here. */
  private itemNow: vscode.StatusBarItem | undefined;
  private settingsNow: Settings | undefined;
  private disposed = false;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private lastState: GlanceState | null = null;
  /** The other source's figures for the hover's second opinion (vscode/node/secondOpinionService.ts). */
  private secondOpinion: { readonly primaryName: string; readonly other: SourceView } | null = null;
  /** The hover is built on the next turn: its dates (Intl's first use costs ~40 ms) must not delay the text. */
  private pendingHover: ReturnType<typeof setImmediate> | undefined;

  constructor(
    private readonly initialSettings: () => Settings,
    private readonly log: Log,
    private readonly sourceHost: () => string,
  ) {}

  private get settings(): Settings {
    this.settingsNow ??= this.initialSettings();
    return this.settingsNow;
  }

  private get item(): vscode.StatusBarItem {
    this.itemNow ??= this.createItem();
    return this.itemNow;
  }

  /** Keeps the hover's ages true; started after activation (a first timer costs activation time). */
  startTicking(): void {
    this.ticker ??= setInterval(() => this.rerender(), clampDelayMs(AGE_TICK_MS));
  }

  update(state: GlanceState): void {
    this.lastState = state;
    this.rerender();
  }

  setSecondOpinion(opinion: { readonly primaryName: string; readonly other: SourceView } | null): void {
    if (opinion === null && this.secondOpinion === null) return;
    this.secondOpinion = opinion;
    this.rerender();
  }

  applySettings(settings: Settings): void {
    const moved =
      settings.statusBar.alignment !== this.settings.statusBar.alignment ||
      settings.statusBar.priority !== this.settings.statusBar.priority;
    this.settingsNow = settings;
    // Alignment and priority are fixed at creation: a new item is the only way to move it.
    if (moved) {
      this.itemNow?.dispose();
      this.itemNow = undefined;
    }
    this.rerender();
  }

  private createItem(): vscode.StatusBarItem {
    const { alignment, priority } = this.settings.statusBar;
    // VS Code remembers an id's first alignment and priority for the session, so a moved item needs an
    // id of its own; the default placement keeps the plain id.
    const moved =
      alignment !== DEFAULT_SETTINGS.statusBar.alignment || priority !== DEFAULT_SETTINGS.statusBar.priority;
    const item = vscode.window.createStatusBarItem(
      moved ? `${STATUS_ITEM_ID}.${alignment}.${priority}` : STATUS_ITEM_ID,
      alignment === 'left' ? vscode.StatusBarAlignment.Left : vscode.StatusBarAlignment.Right,
      priority,
    );
    item.name = 'Mining Economics';
    item.command = COMMANDS.show;
    item.text = '$(sync~spin) Mining Economics';
    item.show();
    return item;
  }

  private rerender(): void {
    const state = this.lastState;
    // Nothing to show yet, or gone (a late event must not make a new item).
    if (!state || this.disposed) return;
    try {
      this.render(state);
    } catch (error) {
      // A damaged cached snapshot must not take the item down: say so and show the no-data state.
      this.log.error(`Could not render the status bar: ${describeError(error, { stack: true })}`);
      this.item.text = '$(warning) Mining Economics';
      this.item.tooltip = vscode.l10n.t('Mining Economics could not display its data; see the log.');
    }
  }

  private render(state: GlanceState): void {
    const now = Date.now();
    const { currency, statusBar, refreshIntervalMs } = this.settings;
    const figures: GlanceFigures | null = state.snapshot
      ? computeGlanceFigures(
          state.snapshot,
          currency,
          now,
          this.settings.pnl,
          glanceEstimateOptions(this.settings),
          this.settings.power,
        )
      : null;
    // Cached data says so itself ($(history), "Cached from an earlier session (age)"); age-staleness is
    // for data this session fetched and then failed to refresh.
    const { stale, reason } =
      state.origin === 'cache' && !state.error
        ? { stale: false, reason: null }
        : staleness(state, now, refreshIntervalMs);
    const health = state.snapshot ? sourceHealth(state.snapshot, now) : null;

    let text: string;
    let accessible: string;
    if (figures) {
      text = statusText(figures, statusBar.show, statusBar.template, statusBar.fixedWidth, now);
      accessible = statusSentence(figures, statusBar.show, statusBar.template, now);
      if (stale) text += ' $(warning)';
      else if (state.origin === 'cache') text += ' $(history)';
    } else if (state.error) {
      text = `$(warning) ${vscode.l10n.t('Mining: no data')}`;
      accessible = vscode.l10n.t('no data yet, {0}', state.error.message);
    } else {
      text = '$(sync~spin) Mining Economics';
      accessible = vscode.l10n.t('loading');
    }
    this.item.text = text;
    this.item.accessibilityInformation = {
      label: `${accessible}${stale && reason ? `. ${vscode.l10n.t('Stale: {0}', reason)}` : state.origin === 'cache' && figures ? `. ${vscode.l10n.t('Cached from an earlier session')}` : ''}`,
      role: 'button',
    };
    const losingMoney =
      showsMargin(statusBar.show, statusBar.template) && (figures?.profitability?.marginPerPhDay ?? 0) < 0;
    this.item.backgroundColor = losingMoney
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : stale || (!figures && state.error)
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : undefined;

    const hover = {
      figures,
      sourceHost: state.snapshot?.sourceHost ?? this.sourceHost(),
      priceSource: state.snapshot?.priceSource ?? null,
      fetchedAtMs: state.snapshot?.fetchedAtMs ?? null,
      nowMs: now,
      error: state.error?.message ?? (stale ? reason : null),
      fromCache: state.origin === 'cache',
      sourceStale: health?.staleReason ?? null,
      sourceNotices: health?.notices ?? [],
      secondOpinion:
        figures && this.secondOpinion
          ? compareSources(
              viewFromFigures(this.secondOpinion.primaryName, figures),
              this.secondOpinion.other,
              this.settings.confidenceLevel,
            )
          : null,
      formatDate: formatDateTimeMedium,
      commands: { show: COMMANDS.show, refresh: COMMANDS.refresh, showLog: COMMANDS.showLog },
    };
    if (this.pendingHover) clearImmediate(this.pendingHover);
    this.pendingHover = setImmediate(() => {
      this.pendingHover = undefined;
      try {
        const markdown = new vscode.MarkdownString(hoverMarkdown(hover), true);
        // Trusted for our three commands only: a link smuggled in from the network could run nothing else.
        markdown.isTrusted = { enabledCommands: [COMMANDS.show, COMMANDS.refresh, COMMANDS.showLog] };
        markdown.supportHtml = false;
        this.item.tooltip = markdown;
      } catch (error) {
        this.log.error(`Could not render the hover: ${describeError(error, { stack: true })}`);
        this.item.tooltip = vscode.l10n.t('Mining Economics could not display its data; see the log.');
      }
    });
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.ticker);
    if (this.pendingHover) clearImmediate(this.pendingHover);
    this.itemNow?.dispose();
  }
}
