// The one output channel. `log: true` makes it a LogOutputChannel: levels, timestamps, and the user's
// "Developer: Set Log Level" choice, for free.
import * as vscode from 'vscode';

export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('Mining Economics', { log: true });
}
