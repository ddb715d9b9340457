// "Bitcoin: Insert Mining Snapshot" and "Bitcoin: Copy Mining Snapshot": the current figures into the
// user's documents (a Markdown table, or CSV rows in a CSV file) or onto the clipboard. The text is built by
// core/views/miningSnapshot; these classes only find the editor and put it there.
import * as vscode from 'vscode';
import type { GlanceState } from '../core/glance/state';
import type { Settings } from '../core/settings';
import { snapshotCsv, snapshotInput, snapshotMarkdown, type SnapshotInput } from '../core/views/miningSnapshot';
import type { Command } from './commandManager';
import { COMMANDS } from './commands';

/** What the commands read: the data service's state and source, and the current settings. */
export interface SnapshotSource {
  readonly state: { readonly current: GlanceState };
  readonly sourceHost: string;
  readonly settings: () => Settings;
}

function currentInput(source: SnapshotSource): SnapshotInput {
  return snapshotInput(source.state.current, source.settings(), source.sourceHost, Date.now());
}

/** CSV by language id (what the user or an extension set) or, failing that, by file name. */
export function isCsvDocument(document: Pick<vscode.TextDocument, 'languageId' | 'fileName'>): boolean {
  return document.languageId === 'csv' || /\.csv$/i.test(document.fileName);
}

export class InsertSnapshotCommand implements Command {
  readonly id = COMMANDS.insertSnapshot;

  constructor(private readonly source: SnapshotSource) {}

  async execute(): Promise<boolean> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Open a Markdown or CSV file to insert the mining snapshot into, or use "Bitcoin: Copy Mining Snapshot".',
        ),
      );
      return false;
    }
    const input = currentInput(this.source);
    const document = editor.document;
    if (isCsvDocument(document)) {
      // Rows go on lines of their own: below the cursor's line, never into the middle of a row.
      const line = document.lineAt(editor.selection.active.line);
      const firstLine = document.lineAt(0).text;
      const text = snapshotCsv(input, firstLine === '' ? null : firstLine);
      return editor.edit((edit) => {
        if (line.isEmptyOrWhitespace) edit.replace(line.range, text.replace(/\n$/, ''));
        else edit.insert(line.range.end, `\n${text.replace(/\n$/, '')}`);
      });
    }
    // A table must start on a line of its own: a blank line before it when the cursor is after some text.
    const selection = editor.selection;
    const before = document.lineAt(selection.start.line).text.slice(0, selection.start.character);
    const markdown = `${before.trim() === '' ? '' : '\n\n'}${snapshotMarkdown(input)}`;
    return editor.edit((edit) => edit.replace(selection, markdown));
  }
}

export class CopySnapshotCommand implements Command {
  readonly id = COMMANDS.copySnapshot;

  constructor(private readonly source: SnapshotSource) {}

  async execute(): Promise<void> {
    const input = currentInput(this.source);
    await vscode.env.clipboard.writeText(snapshotMarkdown(input));
    vscode.window.setStatusBarMessage(
      input.figures
        ? vscode.l10n.t('Mining snapshot copied to the clipboard as Markdown.')
        : vscode.l10n.t('Copied: there is no mining data yet, and the copied text says so.'),
      4000,
    );
  }
}
