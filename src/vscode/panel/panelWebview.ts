// The webview of a panel, new or revived: what it may load, its icon, and its page (html.ts renders it).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { t } from '../../core/l10n';
import { panelL10n } from '../l10n';
import { renderPanelHtml } from './html';

export const PANEL_TITLE = 'Mining Economics';

export function panelResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

/** Every (re)load of the page gets a fresh nonce; the page says 'ready' once its script runs. */
export function setUpPanelWebview(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): void {
  panel.webview.options = { enableScripts: true, localResourceRoots: panelResourceRoots(extensionUri) };
  panel.iconPath = {
    light: vscode.Uri.joinPath(extensionUri, 'media', 'panel-light.svg'),
    dark: vscode.Uri.joinPath(extensionUri, 'media', 'panel-dark.svg'),
  };
  const asset = (file: string): string =>
    panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', file)).toString();
  panel.webview.html = renderPanelHtml({
    cspSource: panel.webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    scriptUri: asset('webview.js'),
    styleUri: asset('webview.css'),
    pnlScriptUri: asset('webview-pnl.js'),
    pnlStyleUri: asset('webview-pnl.css'),
    extrasScriptUri: asset('webview-extras.js'),
    extrasStyleUri: asset('webview-extras.css'),
    powerScriptUri: asset('webview-power.js'),
    powerStyleUri: asset('webview-power.css'),
    l10n: panelL10n(),
    loadingText: t('Loading Mining Economics…'),
  });
}
