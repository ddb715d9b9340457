// Export from the webview: the page cannot write files, so it sends the CSV text or the PNG data URL and
// the host asks where to save it. The message was validated already (protocol.ts); the bytes are checked
// once more here (a PNG must start with the PNG signature).
import * as os from 'node:os';
import * as vscode from 'vscode';
import { pngBase64, type WebviewMessage } from '../../shared/protocol';

type SaveMessage = Extract<WebviewMessage, { type: 'save' }>;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function exportBytes(message: SaveMessage): Uint8Array {
  if (message.format === 'csv') return Buffer.from(message.data, 'utf8');
  const bytes = Buffer.from(pngBase64(message.data), 'base64');
  if (bytes.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error('the image is not a PNG');
  return bytes;
}

function defaultFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ?? vscode.Uri.file(os.homedir());
}

export async function saveExport(message: SaveMessage): Promise<{ ok: boolean; message: string }> {
  const bytes = exportBytes(message);
  const uri = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(defaultFolder(), message.fileName),
    filters: message.format === 'csv' ? { 'CSV (comma-separated values)': ['csv'] } : { 'PNG image': ['png'] },
    saveLabel: 'Export',
    title: message.format === 'csv' ? 'Export the visible range as CSV' : 'Export the chart as PNG',
  });
  if (!uri) return { ok: false, message: 'Export cancelled.' };
  await vscode.workspace.fs.writeFile(uri, bytes);
  return { ok: true, message: `Saved ${uri.path.split('/').pop() ?? message.fileName}.` };
}
