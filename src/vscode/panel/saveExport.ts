// Export from the webview: the page cannot write files. A PNG arrives as a data URL (checked by protocol.ts
// and here once more: it must start with the PNG signature); a CSV is built by the host from the dataset it
// posted. Either way the host asks where to save.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import { isoDay } from '../../core/format';
import { historyCsv } from '../../core/history/csv';
import { deriveSeries, type Ma7BandFactors } from '../../core/history/derive';
import { indexRange } from '../../core/history/slice';
import { pngBase64, type HistoryDataset } from '../../shared/protocol';
import type { Log } from '../log';

export type SaveResult = { readonly ok: boolean; readonly message: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function pngBytes(dataUrl: string): Uint8Array {
  const bytes = Buffer.from(pngBase64(dataUrl), 'base64');
  if (bytes.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => bytes[i] !== b))
    throw new Error('the image is not a PNG');
  return bytes;
}

function defaultFolder(): vscode.Uri {
  return vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
}

export async function saveExport(format: 'csv' | 'png', fileName: string, bytes: Uint8Array): Promise<SaveResult> {
  const uri = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(defaultFolder(), fileName),
    filters:
      format === 'csv'
        ? { [vscode.l10n.t('CSV (comma-separated values)')]: ['csv'] }
        : { [vscode.l10n.t('PNG image')]: ['png'] },
    saveLabel: vscode.l10n.t('Export'),
    title:
      format === 'csv' ? vscode.l10n.t('Export the visible range as CSV') : vscode.l10n.t('Export the chart as PNG'),
  });
  if (!uri) return { ok: false, message: vscode.l10n.t('Export cancelled.') };
  await vscode.workspace.fs.writeFile(uri, bytes);
  return { ok: true, message: vscode.l10n.t('Saved {0}.', uri.path.split('/').pop() ?? fileName) };
}

/** Asks where, writes, logs; never throws. */
export async function saveLogged(
  format: 'csv' | 'png',
  fileName: string,
  bytes: () => Uint8Array,
  log: Log,
): Promise<SaveResult> {
  try {
    const result = await saveExport(format, fileName, bytes());
    if (result.ok) log.info(`Panel: ${result.message}`);
    return result;
  } catch (error) {
    const result = { ok: false, message: vscode.l10n.t('Export failed: {0}', describeError(error)) };
    log.error(`Panel: ${result.message}`);
    return result;
  }
}

/** The visible window [fromS, toS] of a posted dataset as CSV, named after its first and last day. */
export async function exportCsv(
  dataset: HistoryDataset | null,
  band: Ma7BandFactors,
  fromS: number,
  toS: number,
  log: Log,
): Promise<SaveResult> {
  const series = dataset ? deriveSeries(dataset, band) : null;
  const window = series ? indexRange(series.timeS, fromS, toS) : null;
  if (!dataset || !series || !window)
    return { ok: false, message: vscode.l10n.t('No data in the visible range to export.') };
  const t = series.timeS;
  const fileName = `mining-economics-${isoDay(t[window[0]]!)}-to-${isoDay(t[window[1]]!)}.csv`;
  return saveLogged(
    'csv',
    fileName,
    () => Buffer.from(historyCsv(series, dataset.currency, window[0], window[1]), 'utf8'),
    log,
  );
}
