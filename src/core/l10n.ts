// Translation of the core's user-facing text. The core cannot import `vscode`, so the host injects
// `vscode.l10n.t` (and the webview a translator over the bundle the host sent it) with setTranslate; until
// then, and in tests, text stays English with `{0}` placeholders filled in. Keys are the English strings
// themselves, as `@vscode/l10n-dev` extracts them: scripts/l10n.js finds every `t('…')` call.

export type TranslateArg = string | number | boolean;
export type Translate = (message: string, ...args: TranslateArg[]) => string;

/** Fills `{0}`, `{1}`… with the arguments; an index without an argument stays as written. */
export function formatMessage(message: string, args: readonly TranslateArg[]): string {
  if (args.length === 0) return message;
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const arg = args[Number(index)];
    return arg === undefined ? whole : String(arg);
  });
}

/** English: the message itself with its placeholders filled. */
export const identityTranslate: Translate = (message, ...args) => formatMessage(message, args);

/** A translator over a bundle of English → translated strings (a missing or non-string entry stays English). */
export function translatorFromBundle(bundle: Readonly<Record<string, unknown>> | null | undefined): Translate {
  if (!bundle) return identityTranslate;
  return (message, ...args) => {
    const translated = Object.hasOwn(bundle, message) ? bundle[message] : undefined;
    return formatMessage(typeof translated === 'string' ? translated : message, args);
  };
}

let current: Translate = identityTranslate;

/** Installs the translator (the host: `vscode.l10n.t`; the webview: the bundle it was sent). */
export function setTranslate(translate: Translate): void {
  current = translate;
}

/** The message in the display language, placeholders `{0}`… filled with `args`. */
export function t(message: string, ...args: TranslateArg[]): string {
  return current(message, ...args);
}
