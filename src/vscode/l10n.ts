// The display language, wired once at activation: the core's text goes through `vscode.l10n.t` (the
// bundles in l10n/), its figures use the language's digit grouping, and the panel gets the same bundle.
import * as vscode from 'vscode';
import { setFormatLocale } from '../core/format/locale';
import { setTranslate } from '../core/l10n';
import type { PanelL10n } from '../shared/protocol/l10n';

export function installLocalisation(): void {
  setTranslate((message, ...args) => vscode.l10n.t(message, ...args));
  setFormatLocale(vscode.env.language ?? 'en');
}

/** What the webview needs to speak the display language: the tag and the loaded bundle (none for English). */
export function panelL10n(): PanelL10n {
  return { language: vscode.env.language ?? 'en', bundle: vscode.l10n.bundle ?? null };
}
