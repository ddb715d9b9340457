// The snapshot commands against an in-memory editor: where the text lands in Markdown and CSV files.
import { beforeEach, describe, expect, it } from 'vitest';
import type { GlanceState } from '../../src/core/glance/state';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { snapshotCsvHeader } from '../../src/core/views/miningSnapshot';
import { CopySnapshotCommand, InsertSnapshotCommand, isCsvDocument } from '../../src/vscode/snapshotCommands';
import { stub } from '../support/vscodeModule';
import { makeSnapshot } from './helpers/snapshot';

interface Pos {
  line: number;
  character: number;
}

/** A text editor over a string: lineAt, the primary selection, and edit() applying inserts and replaces. */
function fakeEditor(text: string, cursor: Pos, fileName: string, languageId: string) {
  const editor = {
    text,
    document: {
      fileName,
      languageId,
      get lineCount() {
        return editor.text.split('\n').length;
      },
      lineAt(line: number) {
        const content = editor.text.split('\n')[line]!;
        return {
          text: content,
          isEmptyOrWhitespace: content.trim() === '',
          range: { start: { line, character: 0 }, end: { line, character: content.length } },
        };
      },
    },
    selection: { start: cursor, end: cursor, active: cursor },
    async edit(
      build: (b: { insert(p: Pos, t: string): void; replace(r: { start: Pos; end: Pos }, t: string): void }) => void,
    ) {
      const offset = (p: Pos) =>
        editor.text
          .split('\n')
          .slice(0, p.line)
          .reduce((n, l) => n + l.length + 1, 0) + p.character;
      const edits: { from: number; to: number; text: string }[] = [];
      build({
        insert: (p, t) => edits.push({ from: offset(p), to: offset(p), text: t }),
        replace: (r, t) => edits.push({ from: offset(r.start), to: offset(r.end), text: t }),
      });
      for (const e of edits.sort((a, b) => b.from - a.from))
        editor.text = editor.text.slice(0, e.from) + e.text + editor.text.slice(e.to);
      return true;
    },
  };
  return editor;
}

// Fetched now, its tip a minute old: current data (the commands read the real clock).
const fresh = makeSnapshot({ fetchedAtMs: Date.now() });
const state: { current: GlanceState } = {
  current: {
    snapshot: { ...fresh, latestBlocks: [{ ...fresh.latestBlocks[0]!, timeS: Math.floor(Date.now() / 1000) - 60 }] },
    origin: 'live',
    error: null,
    refreshing: false,
  },
};
const source = { state, sourceHost: 'mempool.space', settings: () => DEFAULT_SETTINGS };
const window = stub.vscode.window as Record<string, unknown>;
const header = snapshotCsvHeader('USD').join(',');

beforeEach(() => {
  stub.record.messages.length = 0;
  window.activeTextEditor = undefined;
});

describe('Insert Mining Snapshot', () => {
  it('inserts the Markdown table at the cursor, after a blank line when the cursor follows text', async () => {
    const editor = fakeEditor('# Notes\nToday:\n', { line: 1, character: 6 }, '/w/notes.md', 'markdown');
    window.activeTextEditor = editor;
    expect(await new InsertSnapshotCommand(source).execute()).toBe(true);
    expect(editor.text).toMatch(
      /^# Notes\nToday:\n\n\*\*Bitcoin mining snapshot\*\*\n\n\| Figure \(unit\) \| Value \|\n/,
    );
    expect(editor.text).toContain('| Block height | 975,144 |');
    expect(editor.text).toMatch(/Source: mempool\.space · data fetched \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(just now\)/);
    expect(editor.text).not.toContain('Not current');
  });

  it('on an empty line of a new CSV file writes the header and one row', async () => {
    const editor = fakeEditor('', { line: 0, character: 0 }, '/w/log.csv', 'plaintext');
    window.activeTextEditor = editor;
    await new InsertSnapshotCommand(source).execute();
    const lines = editor.text.split('\n');
    expect(lines[0]).toBe(header);
    expect(lines[1]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,\d{4}-[^,]+,\d+,mempool\.space,live,975144,987\.6,-1\.2,/,
    );
    expect(lines).toHaveLength(2);
  });

  it('in a CSV file with the header adds a row below the cursor line, never inside a row', async () => {
    const editor = fakeEditor(`${header}\nold,row`, { line: 1, character: 2 }, '/w/log.txt', 'csv');
    window.activeTextEditor = editor;
    await new InsertSnapshotCommand(source).execute();
    const lines = editor.text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.slice(0, 2)).toEqual([header, 'old,row']);
    expect(lines[2]).toContain(',live,975144,');
  });

  it('asks for a file when no editor is open', async () => {
    expect(await new InsertSnapshotCommand(source).execute()).toBe(false);
    expect(stub.record.messages).toEqual([
      'Open a Markdown or CSV file to insert the mining snapshot into, or use "Bitcoin: Copy Mining Snapshot".',
    ]);
  });

  it('recognises CSV by language or by file name', () => {
    expect(isCsvDocument({ languageId: 'csv', fileName: '/a/b.txt' })).toBe(true);
    expect(isCsvDocument({ languageId: 'plaintext', fileName: '/a/B.CSV' })).toBe(true);
    expect(isCsvDocument({ languageId: 'markdown', fileName: '/a/b.md' })).toBe(false);
  });
});

describe('Copy Mining Snapshot', () => {
  it('copies the Markdown, which says so when there is no data yet', async () => {
    const copied: string[] = [];
    (stub.vscode.env as Record<string, unknown>).clipboard = { writeText: async (t: string) => void copied.push(t) };
    const empty = {
      ...source,
      state: { current: { snapshot: null, origin: 'none', error: null, refreshing: false } as GlanceState },
    };
    await new CopySnapshotCommand(empty).execute();
    await new CopySnapshotCommand(source).execute();
    expect(copied[0]).toContain('> **No mining data yet: the first fetch has not finished. Nothing to show.**');
    expect(copied[0]).not.toContain('| Figure');
    expect(copied[1]).toContain('| Hashprice (USD per PH/s per day) | 43.62 |');
  });
});
