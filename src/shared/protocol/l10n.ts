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

const MAX_TEXT_CHARS = 5000;

export function checkL10n(value: unknown, path: string): PanelL10n {
  const o = obj(value, path);
  const language = str(o.language, `${path}.language`, 35);
  if (o.bundle === null) return { language, bundle: null };
  const bundle = obj(o.bundle, `${path}.bundle`);
  // Own keys only (JSON.parse makes "__proto__" an own key, never a prototype); lookups use Object.hasOwn.
  for (const key of Object.keys(bundle)) str(bundle[key], `${path}.bundle`, MAX_TEXT_CHARS);
  return { language, bundle: bundle as Record<string, string> };
}

/** The page's l10n attribute, checked; English when absent or bad (the page still works), with the reason. */
export function parseL10nAttribute(text: string | undefined): { l10n: PanelL10n; error?: string } {
  try {
    return { l10n: text ? checkL10n(JSON.parse(text), 'l10n') : { language: 'en', bundle: null } };
  } catch (error) {
    return { l10n: { language: 'en', bundle: null }, error: String(error) };
  }
}
