// The panel's HTML shell. Pure (no `vscode`), so the browser test serves exactly what the host serves.
// Everything visible is built by the webview script; this page only loads it under a strict CSP:
// nothing but our own scripts (by nonce) and stylesheets (by the webview's resource origin).
//
// Two scripts: the charts (webview.js) load at once; the miner's P&L (webview-pnl.js) is named in a data
// attribute of the charts' script tag, and the charts script inserts it, with the same nonce, after the
// charts' first paint. Its stylesheet is linked here so the section never renders unstyled. A third script,
// webview-extras.js (key figures, tables, PNG export), is named and inserted the same way (earlier if the user
// asks for a table or an image); its stylesheet is linked here too. The power & pools section's script,
// webview-power.js, is named and inserted like the P&L's.

import type { PanelL10n } from '../../shared/protocol/l10n';

export interface PanelHtmlOptions {
  /** `webview.cspSource`: the origin our local resources are served from. */
  readonly cspSource: string;
  /** Fresh per page load: 128 random bits, base64. */
  readonly nonce: string;
  /** `asWebviewUri(dist/webview.js)` */
  readonly scriptUri: string;
  /** `asWebviewUri(dist/webview.css)` */
  readonly styleUri: string;
  /** `asWebviewUri(dist/webview-pnl.js)`: the P&L section's script, loaded after the charts' first paint. */
  readonly pnlScriptUri?: string;
  /** `asWebviewUri(dist/webview-pnl.css)` */
  readonly pnlStyleUri?: string;
  /** `asWebviewUri(dist/webview-extras.js)`: key figures, tables, PNG export; after the first paint. */
  readonly extrasScriptUri?: string;
  /** `asWebviewUri(dist/webview-extras.css)` */
  readonly extrasStyleUri?: string;
  /** `asWebviewUri(dist/webview-power.js)`: the power & pools section, after the charts' first paint. */
  readonly powerScriptUri?: string;
  /** `asWebviewUri(dist/webview-power.css)` */
  readonly powerStyleUri?: string;
  /** The display language and its bundle (shared/protocol/l10n.ts); the page is English without it. */
  readonly l10n?: PanelL10n;
  /** The boot line, in the display language. */
  readonly loadingText?: string;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function renderPanelHtml(options: PanelHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(options.nonce))
    throw new Error('renderPanelHtml: the nonce must be base64 of at least 96 bits');
  const csp = escapeAttribute(contentSecurityPolicy(options.cspSource, options.nonce));
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(options.l10n?.language ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(options.styleUri)}">
${options.pnlStyleUri ? `<link rel="stylesheet" href="${escapeAttribute(options.pnlStyleUri)}">\n` : ''}${options.extrasStyleUri ? `<link rel="stylesheet" href="${escapeAttribute(options.extrasStyleUri)}">\n` : ''}${options.powerStyleUri ? `<link rel="stylesheet" href="${escapeAttribute(options.powerStyleUri)}">\n` : ''}<title>Mining Economics</title>
</head>
<body>
<main id="app" class="app" aria-busy="true"><p class="boot">${escapeAttribute(options.loadingText ?? 'Loading Mining Economics…')}</p></main>
<script nonce="${escapeAttribute(options.nonce)}" src="${escapeAttribute(options.scriptUri)}"${options.pnlScriptUri ? ` data-pnl-script="${escapeAttribute(options.pnlScriptUri)}"` : ''}${options.extrasScriptUri ? ` data-extras-script="${escapeAttribute(options.extrasScriptUri)}"` : ''}${options.powerScriptUri ? ` data-power-script="${escapeAttribute(options.powerScriptUri)}"` : ''}${options.l10n ? ` data-l10n="${escapeAttribute(JSON.stringify(options.l10n))}"` : ''}></script>
</body>
</html>`;
}
