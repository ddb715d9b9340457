// The panel's language: the host puts it in the page (a data attribute of the charts' script tag, read before
// the first paint), so the webview translates with the very bundle VS Code loaded for the host, never a
// copy built into webview.js. Kept small: it is part of the charts' first-paint bundle.
import { obj, str } from './check';

export interface PanelL10n {
  /** `vscode.env.language`: 'en', 'de', 'zh-cn'… (setFormatLocale falls back to English for a bad tag). */
  readonly language: string;
  /** English message → translation, as `vscode.l10n.bundle`; null in English. */
  readonly bundle: Readonly<Record<string, string>> | null;
}

/**
 * Checks a PanelL10n. Every entry must be a string; lookups use own keys only (JSON.parse makes "__proto__"
 * an own key, never a prototype), so a hostile key cannot reach Object.prototype.
 */
export function checkL10n(value: unknown, path: string): PanelL10n {
  const o = obj(value, path);
  str(o.language, `${path}.language`, 35);
  if (o.bundle !== null) for (const text of Object.values(obj(o.bundle, path))) str(text, path, 5000);
  return value as PanelL10n;
}

/** The page's l10n attribute, checked; English when absent or bad (the page still works), with the reason. */
export function parseL10nAttribute(text: string | undefined): { l10n: PanelL10n; error?: string } {
  try {
    return { l10n: checkL10n(JSON.parse(text ?? 'null') ?? { language: 'en', bundle: null }, 'l10n') };
  } catch (error) {
    return { l10n: { language: 'en', bundle: null }, error: String(error) };
  }
}
