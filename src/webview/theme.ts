// Chart colours come from the VS Code theme (--vscode-* variables VS Code sets on <html>), so the charts
// match light, dark and high-contrast themes. Canvas cannot use CSS variables: they are read into a
// palette, and the charts are redrawn when VS Code changes the theme (the body class or the variables).

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface Palette {
  readonly kind: ThemeKind;
  readonly background: string;
  readonly foreground: string;
  readonly muted: string;
  readonly grid: string;
  readonly axis: string;
  readonly blue: string;
  readonly orange: string;
  readonly green: string;
  readonly purple: string;
  readonly red: string;
  readonly yellow: string;
  readonly fontFamily: string;
  readonly fontSize: number;
  /** Line width multiplier: wider in high contrast. */
  readonly weight: number;
}

// Fallbacks: VS Code's Dark Modern / Light Modern values, used when a variable is missing (tests, old themes).
const FALLBACK_DARK = {
  background: '#1f1f1f',
  foreground: '#cccccc',
  muted: '#9d9d9d',
  lines: 'rgba(204, 204, 204, 0.5)',
  blue: '#3794ff',
  orange: '#d18616',
  green: '#89d185',
  purple: '#b180d7',
  red: '#f14c4c',
  yellow: '#cca700',
};
const FALLBACK_LIGHT = {
  background: '#ffffff',
  foreground: '#3b3b3b',
  muted: '#717171',
  lines: 'rgba(59, 59, 59, 0.5)',
  blue: '#1a85ff',
  orange: '#d18616',
  green: '#388a34',
  purple: '#652d90',
  red: '#e51400',
  yellow: '#bf8803',
};

export function themeKind(body: HTMLElement = document.body): ThemeKind {
  const c = body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  if (c.contains('vscode-dark')) return 'dark';
  if (c.contains('vscode-light')) return 'light';
  // Outside VS Code: follow the browser.
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** "#rrggbb" / "#rgb" / "#rrggbbaa" / "rgb(a)(…)" with its alpha replaced by `alpha`. */
export function withAlpha(color: string, alpha: number): string {
  const c = color.trim();
  let r: number;
  let g: number;
  let b: number;
  const hex = /^#([0-9a-f]{3,8})$/i.exec(c)?.[1];
  if (hex && (hex.length === 3 || hex.length === 4)) {
    r = parseInt(hex[0]! + hex[0]!, 16);
    g = parseInt(hex[1]! + hex[1]!, 16);
    b = parseInt(hex[2]! + hex[2]!, 16);
  } else if (hex && (hex.length === 6 || hex.length === 8)) {
    r = parseInt(hex.slice(0, 2), 16);
    g = parseInt(hex.slice(2, 4), 16);
    b = parseInt(hex.slice(4, 6), 16);
  } else {
    const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(c);
    if (!m) return c;
    r = Number(m[1]);
    g = Number(m[2]);
    b = Number(m[3]);
  }
  return `rgba(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)}, ${alpha})`;
}

export function readPalette(): Palette {
  const kind = themeKind();
  const style = getComputedStyle(document.documentElement);
  const bodyStyle = getComputedStyle(document.body);
  const fallback = kind === 'light' || kind === 'high-contrast-light' ? FALLBACK_LIGHT : FALLBACK_DARK;
  const v = (name: string, fb: string): string => style.getPropertyValue(name).trim() || bodyStyle.getPropertyValue(name).trim() || fb;
  const foreground = v('--vscode-charts-foreground', v('--vscode-editor-foreground', fallback.foreground));
  const highContrast = kind === 'high-contrast' || kind === 'high-contrast-light';
  const lines = v('--vscode-charts-lines', fallback.lines);
  return {
    kind,
    background: v('--vscode-editor-background', fallback.background),
    foreground,
    muted: v('--vscode-descriptionForeground', fallback.muted),
    grid: highContrast ? withAlpha(lines, 0.45) : withAlpha(lines, 0.16),
    axis: highContrast ? foreground : withAlpha(lines, 0.55),
    blue: v('--vscode-charts-blue', fallback.blue),
    orange: v('--vscode-charts-orange', fallback.orange),
    green: v('--vscode-charts-green', fallback.green),
    purple: v('--vscode-charts-purple', fallback.purple),
    red: v('--vscode-charts-red', fallback.red),
    yellow: v('--vscode-charts-yellow', fallback.yellow),
    fontFamily: v('--vscode-font-family', 'system-ui, -apple-system, "Segoe UI", sans-serif'),
    fontSize: Math.max(10, Math.min(14, (parseFloat(v('--vscode-font-size', '13')) || 13) - 2)),
    weight: highContrast ? 1.5 : 1,
  };
}

export function samePalette(a: Palette, b: Palette): boolean {
  return (Object.keys(a) as (keyof Palette)[]).every((k) => a[k] === b[k]);
}

/** Calls `onChange` (once per frame at most) when VS Code switches theme or changes its colours. */
export function observeTheme(onChange: () => void): () => void {
  let scheduled = false;
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      onChange();
    });
  };
  const observer = new MutationObserver(schedule);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => observer.disconnect();
}
