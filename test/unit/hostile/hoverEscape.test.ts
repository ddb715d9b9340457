// Issue 11, finding 7: text from a server (a pool name, the host, an error) must reach the hover as plain
// text — no theme icon, no autolink, no markup, no broken table — whatever characters it carries.
import { describe, expect, it } from 'vitest';
import { MAX_SHOWN_TEXT_CHARS } from '../../../src/core/errors';
import { computeGlanceFigures } from '../../../src/core/views/glanceFigures';
import { escapeMarkdown, hoverMarkdown } from '../../../src/core/views/hoverMarkdown';
import { hoverContext, makeSnapshot, NOW_MS } from '../helpers/snapshot';

/** CommonMark: a backslash before ASCII punctuation stands for the punctuation alone. */
const unescape = (markdown: string): string => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
/** VS Code's theme-icon syntax (renderLabelWithIcons), with its own escape: a backslash before `$`. */
const ICON = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;

/** What a Markdown renderer would turn into something other than the text as written. */
function live(markdown: string): string[] {
  const found: string[] = [];
  const text = unescape(markdown);
  for (const m of text.matchAll(ICON)) if (!m[1]) found.push(`icon ${m[0]}`);
  // Icons substituted in the source before parsing (older VS Code): any `$(name)` not behind a backslash.
  for (const m of markdown.matchAll(ICON)) if (!m[1]) found.push(`source icon ${m[0]}`);
  // GFM autolinks are found in the source: a scheme with ://, www., an e-mail address.
  if (/[a-z][a-z0-9+.-]*:\/\//i.test(markdown)) found.push('url');
  if (/(^|[^\\])www\./i.test(markdown)) found.push('www');
  if (/[A-Za-z0-9._+-]@[A-Za-z0-9-_]+\.[A-Za-z0-9]/.test(markdown)) found.push('email');
  if (/</.test(markdown)) found.push('html or <autolink>');
  if (/(^|[^\\])\[/.test(markdown)) found.push('link bracket');
  if (/[\r\n\u2028\u2029\u0085]/.test(markdown)) found.push('line break');
  return found;
}

const HOSTILE = [
  '$(alert) Foundry $(sync~spin)',
  'see https://evil.example/x and www.evil.example',
  'mail ops@evil.example now',
  '<https://evil.example> <img src=x onerror=alert(1)>',
  'line one\rline two\r\n| a | b |\u2028# heading',
  '[pwn](command:workbench.action.terminal.new)',
  '\\$(alert) already escaped?',
  '`code` **bold** _it_ ~~s~~ > quote',
];

describe('escapeMarkdown', () => {
  it.each(HOSTILE)('leaves nothing live in %j', (text) => {
    expect(live(escapeMarkdown(text))).toEqual([]);
  });

  it('keeps the text readable once rendered', () => {
    expect(unescape(escapeMarkdown('Foundry USA'))).toBe('Foundry USA');
    expect(unescape(escapeMarkdown('mempool.space:8999/api'))).toBe('mempool.space:8999/api');
    // The icon stays escaped for VS Code's icon renderer, which then shows it as written.
    expect(unescape(escapeMarkdown('$(alert)'))).toBe('\\$(alert)');
    expect(unescape(escapeMarkdown('a\rb'))).toBe('a b');
  });

  it('bounds what it echoes', () => {
    const escaped = escapeMarkdown('A'.repeat(10_000));
    expect(unescape(escaped)).toHaveLength(MAX_SHOWN_TEXT_CHARS);
  });
});

describe('the hover with a hostile pool, host and error', () => {
  it('shows them as text', () => {
    const pool = HOSTILE.join(' ');
    const snapshot = makeSnapshot({
      latestBlocks: [
        {
          height: 975_144,
          timeS: 1_795_599_700,
          difficulty: 1.38e14,
          rewardSats: null,
          totalFeesSats: null,
          poolName: pool,
        },
      ],
    });
    const host = 'www.evil.example/$(alert)/https://x.example';
    const md = hoverMarkdown(
      hoverContext(computeGlanceFigures(snapshot, 'USD', NOW_MS), { sourceHost: host, error: HOSTILE[1]! }),
    );
    const lines = md.split('\n');
    const poolLine = lines.find((l) => l.startsWith('Last block'))!;
    expect(live(poolLine)).toEqual([]);
    const sourceLine = lines.find((l) => l.startsWith('Source:'))!;
    expect(live(sourceLine)).toEqual([]);
    const staleLine = lines.find((l) => l.includes('Last refresh failed'))!;
    expect(live(staleLine.replace('$(warning)', ''))).toEqual([]);
    // Our own icons and command links are untouched.
    expect(md).toContain('[$(refresh) Refresh](command:r)');
  });

  it('cuts a long source host as the panel does', () => {
    const host = `umbrel.local/${'p'.repeat(400)}`;
    const md = hoverMarkdown(hoverContext(null, { sourceHost: host }));
    const source = unescape(
      md
        .split('\n')
        .find((l) => l.startsWith('Source:'))!
        .slice('Source: '.length),
    );
    expect(source).toHaveLength(MAX_SHOWN_TEXT_CHARS);
    expect(source.endsWith('…')).toBe(true);
  });
});
