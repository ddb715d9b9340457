// How settings values are checked and quoted in messages: shared by every settings reader.
import { MAX_SHOWN_TEXT_CHARS, oneLine } from './errors';
import { redactUrlCredentials } from './transport';

/** How much of a bad value a problem message quotes: enough to recognise it, never a page of it. */
const MAX_QUOTED_VALUE_CHARS = 80;

/**
 * Workspace settings are untrusted (a repository's .vscode/settings.json), and problem messages reach a
 * notification, where VS Code turns `[label](command:…)` into a clickable link, and the panel, whose
 * protocol bounds every string. So square brackets become parentheses (no link syntax can survive),
 * control characters and credentials go, and the text is bounded.
 */
export function neutraliseShownText(text: string, max = MAX_SHOWN_TEXT_CHARS): string {
  return oneLine(redactUrlCredentials(text).replace(/\[/g, '(').replace(/\]/g, ')'), max);
}

/** A raw setting value as a problem message quotes it: JSON (strings in quotes), neutralised, short. */
export function quoteSettingValue(raw: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? typeof raw;
  } catch {
    text = typeof raw;
  }
  return neutraliseShownText(text, MAX_QUOTED_VALUE_CHARS);
}

/** Reads a raw value by its key below `miningEconomics.` (e.g. "statusBar.show"). */
export type RawSettings = (key: string) => unknown;

// A small, strict URL check of our own: the core has no URL global (it runs without Node or DOM types).
// The path allows only RFC 3986's path characters: no brackets, angle brackets or quotes, which would
// otherwise carry Markdown into everything that shows the source host. No `i` flag (a process's first
// case-insensitive match costs a third of a millisecond of activation): the scheme is lowercased first.
const URL_PATTERN =
  /^(https?):\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?(\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*)?$/;

/** `example` is the setting's default, a valid URL in normal form (messages quote it). */
export function normaliseMempoolUrl(
  raw: unknown,
  example = 'https://mempool.space',
): { url: string } | { problem: string } {
  if (typeof raw !== 'string' || raw.trim() === '') return { problem: `is empty; expected a URL such as ${example}` };
  const text = raw.trim();
  // Every activation reads this setting, and most users keep the default: it is valid and normal as it is.
  if (text === example) return { url: text };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1]?.toLowerCase();
  const quoted = (): string => quoteSettingValue(text);
  if (scheme && scheme !== 'http' && scheme !== 'https') return { problem: `${quoted()} must use http or https` };
  if (/[?#]/.test(text)) return { problem: `${quoted()} must not contain a query or fragment` };
  const match = URL_PATTERN.exec(scheme ? scheme + text.slice(scheme.length) : text);
  if (!match) return { problem: `${quoted()} is not a valid URL; expected something like ${example}` };
  const port = match[3] ? Number(match[3].slice(1)) : null;
  if (port !== null && (port < 1 || port > 65535)) return { problem: `${quoted()} has an invalid port` };
  const path = (match[4] ?? '').replace(/\/+$/, '');
  return { url: `${match[1]!}://${match[2]!.toLowerCase()}${match[3] ?? ''}${path}` };
}

/**
 * The source host as the hover and the panel show it: one line, at most MAX_SHOWN_TEXT_CHARS (what the
 * panel's protocol accepts). A long URL path is legal; it must not empty the panel.
 */
export function shownSourceHost(sourceHost: string): string {
  return oneLine(sourceHost, MAX_SHOWN_TEXT_CHARS);
}

/** "mempool.space", "127.0.0.1:8999", "umbrel.local:3006/mempool" — what the hover names as the source. */
export function sourceHostOf(mempoolUrl: string): string {
  return mempoolUrl.replace(/^https?:\/\//, '');
}
