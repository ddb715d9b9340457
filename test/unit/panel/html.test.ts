import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, renderPanelHtml } from '../../../src/vscode/panel/html';

const options = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'q1w2e3r4t5y6u7i8o9p0aA==',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.css',
};

describe('panel HTML', () => {
  it('has the strict CSP: nothing by default, our script by nonce, our styles and images by origin', () => {
    expect(contentSecurityPolicy(options.cspSource, options.nonce)).toBe(
      "default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data:; style-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-q1w2e3r4t5y6u7i8o9p0aA=='; font-src https://file+.vscode-resource.vscode-cdn.net",
    );
    const html = renderPanelHtml(options);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src`);
    expect(html).toContain(`<script nonce="${options.nonce}" src="${options.scriptUri}"></script>`);
    expect(html).toContain(`<link rel="stylesheet" href="${options.styleUri}">`);
    expect(html).not.toMatch(/unsafe-inline|unsafe-eval|\sstyle=|\son\w+=/);
    expect((html.match(/<script/g) ?? []).length).toBe(1);
  });

  it('names the P&L script on the charts script tag (it inserts it with the same nonce) and links its stylesheet', () => {
    const html = renderPanelHtml({
      ...options,
      pnlScriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview-pnl.js',
      pnlStyleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview-pnl.css',
    });
    expect(html).toContain(
      `<script nonce="${options.nonce}" src="${options.scriptUri}" data-pnl-script="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview-pnl.js"></script>`,
    );
    expect(html).toContain(
      '<link rel="stylesheet" href="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview-pnl.css">',
    );
    expect((html.match(/<script/g) ?? []).length).toBe(1);
    expect(html).not.toMatch(/unsafe-inline|unsafe-eval|\sstyle=|\son\w+=/);
  });

  it('names the extras script on the charts script tag too (inserted the same way) and links its stylesheet', () => {
    const html = renderPanelHtml({
      ...options,
      pnlScriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview-pnl.js',
      pnlStyleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview-pnl.css',
      extrasScriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview-extras.js',
      extrasStyleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview-extras.css',
    });
    expect(html).toContain(
      `<script nonce="${options.nonce}" src="${options.scriptUri}" data-pnl-script="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview-pnl.js" data-extras-script="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview-extras.js"></script>`,
    );
    expect(html).toContain(
      '<link rel="stylesheet" href="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview-extras.css">',
    );
    // One script tag: the others are inserted by it, with its nonce (the CSP allows nothing else).
    expect((html.match(/<script/g) ?? []).length).toBe(1);
    expect(html).not.toMatch(/unsafe-inline|unsafe-eval|\sstyle=|\son\w+=/);
  });

  it('escapes attribute values and refuses a weak nonce', () => {
    expect(renderPanelHtml({ ...options, scriptUri: 'x"><script>alert(1)</script>' })).toContain(
      'x&quot;&gt;&lt;script&gt;',
    );
    expect(() => renderPanelHtml({ ...options, nonce: 'abc' })).toThrow(/nonce/);
  });

  it('carries the display language and its bundle on the charts script tag, escaped, and sets the page language', () => {
    const l10n = { language: 'de', bundle: { 'Updated {0}': 'Aktualisiert {0}', '"<&>': '„<&>“' } };
    const html = renderPanelHtml({ ...options, l10n, loadingText: 'Mining Economics wird geladen…' });
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<p class="boot">Mining Economics wird geladen…</p>');
    const attribute = /data-l10n="([^"]*)"/.exec(html)?.[1];
    expect(attribute).toBeDefined();
    expect(attribute).not.toMatch(/[<>"]/);
    const decoded = attribute!
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(JSON.parse(decoded)).toEqual(l10n);
    // English pages (no l10n passed) stay as they were.
    expect(renderPanelHtml(options)).toContain('<html lang="en">');
    expect(renderPanelHtml(options)).not.toContain('data-l10n');
  });
});
