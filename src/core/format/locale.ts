// The display language of every figure: digit grouping and the decimal mark follow it (69,880.5 in English,
// 69.880,5 in German, 69 880,5 in Russian); units, symbols and the digits themselves do not change. The host
// sets it from `vscode.env.language`, the webview from what the host sent. Default 'en', which keeps the
// formatting functions' English output exactly as the tests pin it. Small: the webview's first paint has it.

let locale = 'en';
/** Group and decimal mark; worked out on first use (an Intl lookup costs time activation need not spend). */
let marks: string | null = ',.';
/** Whether a 4-digit number is grouped ("1.234"): not in Spanish or Polish, whose group starts at 5 digits. */
let groupsFourDigits = true;

/** Sets the display language ('de', 'zh-cn', 'pt-br'…); a tag Intl does not accept means English. */
export function setFormatLocale(tag: string): void {
  try {
    locale = Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    locale = 'en';
  }
  marks = locale === 'en' ? ',.' : null;
  groupsFourDigits = true;
}

/** The display language as Intl spells it ('en', 'de', 'zh-CN'). */
export function formatLocale(): string {
  return locale;
}

/** The locale of Intl's date formats: undefined (the runtime's own, as before) while the language is English. */
export function dateLocale(): string | undefined {
  return locale === 'en' ? undefined : locale;
}

/**
 * An English-written number ("-69,880.50", "1.2", "45k") in the display language's marks. Only `,` and `.`
 * change: every format function writes its digits in English first, so there is one rounding path.
 */
export function localizeDigits(english: string): string {
  if (marks === null) {
    // 12345.5, not 1234.5: a language that groups from five digits on (Spanish) shows no group mark in 1234.5.
    const parts = new Intl.NumberFormat(locale).formatToParts(12345.5);
    const group = parts.find((p) => p.type === 'group')?.value ?? ',';
    const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
    // Marks that coincide would make "1.234" ambiguous: English then.
    marks = group === decimal ? ',.' : group + decimal;
    groupsFourDigits =
      marks === ',.' || new Intl.NumberFormat(locale).formatToParts(1234).some((p) => p.type === 'group');
  }
  // "1,234.5" → "1234.5" where the language does not group four digits; "12,345" keeps its mark.
  const grouped = groupsFourDigits ? english : english.replace(/(^|[^\d,.])(\d),(\d{3})(?![\d,])/g, '$1$2$3');
  return marks === ',.' ? grouped : grouped.replace(/[,.]/g, (c) => marks![c === ',' ? 0 : 1]!);
}
