// The last dataset of each range on disk (extension global storage), so a reopened window draws its charts
// at once from the previous session while fresh data loads. Files are validated like webview messages:
// an old schema or a damaged file is ignored, never trusted.
import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import type { Currency } from '../../core/model';
import { checkHistoryDataset, type HistoryDataset, type RangeId } from '../../shared/protocol';
import type { Log } from '../log';

export class HistoryDiskCache {
  private readonly writing = new Map<string, Promise<void>>();

  constructor(
    private readonly dir: vscode.Uri,
    private readonly log: Log,
  ) {}

  private uri(sourceHost: string, currency: Currency, range: RangeId): vscode.Uri {
    const host = sourceHost.replace(/[^A-Za-z0-9.-]+/g, '_').slice(0, 80);
    return vscode.Uri.joinPath(this.dir, `history-${host}-${currency}-${range}.json`);
  }

  async load(sourceHost: string, currency: Currency, range: RangeId): Promise<HistoryDataset | null> {
    const uri = this.uri(sourceHost, currency, range);
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return null;
    }
    try {
      const dataset = checkHistoryDataset(JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown);
      if (dataset.sourceHost !== sourceHost || dataset.currency !== currency || dataset.range !== range) return null;
      return dataset;
    } catch (error) {
      this.log.warn(`Ignoring the cached ${range} history in ${uri.fsPath}: ${describeError(error)}`);
      return null;
    }
  }

  /** Fire and forget; one write per file at a time. */
  save(dataset: HistoryDataset): void {
    const uri = this.uri(dataset.sourceHost, dataset.currency, dataset.range);
    const key = uri.toString();
    const previous = this.writing.get(key) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        await vscode.workspace.fs.createDirectory(this.dir);
        await vscode.workspace.fs.writeFile(uri, Buffer.from(JSON.stringify(dataset), 'utf8'));
      })
      .catch((error: unknown) =>
        this.log.warn(`Could not cache the ${dataset.range} history: ${describeError(error)}`),
      );
    this.writing.set(key, next);
    void next.finally(() => {
      if (this.writing.get(key) === next) this.writing.delete(key);
    });
  }
}
