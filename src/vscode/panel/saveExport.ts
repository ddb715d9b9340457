// Export from the webview: the page cannot write files. A PNG arrives as a data URL (checked by protocol.ts
// and here once more: it must start with the PNG signature); a CSV is built by the host from the dataset it
// posted. Either way the host asks where to save.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { pngBase64 } from '../../shared/protocol';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function pngBytes(dataUrl: string): Uint8Array {
  const bytes = Buffer.from(pngBase64(dataUrl), 'base64');
  if (bytes.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error('the image is not a PNG');
  return bytes;
}

function defaultFolder(): vscode.Uri {
  return vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
}

export async function saveExport(format: 'csv' | 'png', fileName: string, bytes: Uint8Array): Promise<{ ok: boolean; message: string }> {
  const uri = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(defaultFolder(), fileName),
    filters: format === 'csv' ? { 'CSV (comma-separated values)': ['csv'] } : { 'PNG image': ['png'] },
    saveLabel: 'Export',
    title: format === 'csv' ? 'Export the visible range as CSV' : 'Export the chart as PNG',
  });
  if (!uri) return { ok: false, message: 'Export cancelled.' };
  await vscode.workspace.fs.writeFile(uri, bytes);
  return { ok: true, message: `Saved ${uri.path.split('/').pop() ?? fileName}.` };
}
