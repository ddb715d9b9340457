// Unit tests import `vscode` through this module (vitest.config.mts aliases it): one shared stand-in per
// test file, reset by each test that uses it.
import { createVscodeStub } from './vscodeStub';

export const stub = createVscodeStub();
const api = stub.vscode as Record<string, unknown>;
export const {
  version,
  env,
  l10n,
  EventEmitter,
  StatusBarAlignment,
  ExtensionMode,
  ViewColumn,
  ConfigurationTarget,
  Uri,
  ThemeColor,
  MarkdownString,
  Disposable,
  window,
  commands,
  workspace,
} = api as Record<string, never>;
