// Chart colours come from the VS Code theme (--vscode-* variables VS Code sets on <html>), so the charts
// match light, dark and high-contrast themes. Canvas cannot use CSS variables: they are read into a
// palette, and the charts are redrawn when VS Code changes the theme (the body class or the variables).

export interface Palette {
  readonly background: string;
  readonly foreground: string;
  readonly muted: string;
  readonly grid: string;
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

/** Used only if a variable is missing (VS Code sets them all; these are its Dark Modern values). */
const FALLBACK: Record<string, string> = {
  background: '#1f1f1f',
  foreground: '#cccccc',
  blue: '#3794ff',
  orange: '#d18616',
  green: '#89d185',
  purple: '#b180d7',
  red: '#f14c4c',
  yellow: '#cca700',
};

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
  // VS Code's body classes: vscode-light, vscode-dark, vscode-high-contrast(-light).
  const highContrast =
    document.body.classList.contains('vscode-high-contrast') ||
    document.body.classList.contains('vscode-high-contrast-light');
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => style.getPropertyValue(`--vscode-${name}`).trim() || fallback;
  const foreground = v('charts-foreground', v('editor-foreground', FALLBACK.foreground!));
  const lines = v('charts-lines', foreground);
  const chart = (name: string): string => v(`charts-${name}`, FALLBACK[name]!);
  return {
    background: v('editor-background', FALLBACK.background!),
    foreground,
    muted: v('descriptionForeground', foreground),
    grid: withAlpha(lines, highContrast ? 0.45 : 0.16),
    blue: chart('blue'),
    orange: chart('orange'),
    green: chart('green'),
    purple: chart('purple'),
    red: chart('red'),
    yellow: chart('yellow'),
    fontFamily: v('font-family', 'system-ui, sans-serif'),
    fontSize: Math.max(10, Math.min(14, (parseFloat(v('font-size', '13')) || 13) - 2)),
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
