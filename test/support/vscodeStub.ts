// The one stand-in for the `vscode` module: enough for activate() and the panel to run outside VS Code, so
// unit tests can check the composition root and the panel, and benchmarks can time activation in a bare
// Node process. It records what the extension registers, creates, posts, writes and asks.

export interface StubRecord {
  commands: Map<string, (...args: unknown[]) => unknown>;
  statusItems: StubStatusItem[];
  serializers: string[];
  /** The serializers themselves, by view type, to revive panels as VS Code would. */
  serializerOf: Map<string, { deserializeWebviewPanel(panel: unknown, state: unknown): Promise<void> }>;
  messages: string[];
  logLines: string[];
  /** User settings by full key ("miningEconomics.currency"). */
  config: Record<string, unknown>;
  /** Workspace values by full key: they win over `config`, as in VS Code. */
  workspaceConfig: Record<string, unknown>;
  /** What `WorkspaceConfiguration.update` wrote (key below its section). */
  configUpdates: { key: string; value: unknown; target: unknown }[];
  panels: StubPanel[];
  /** workspace.fs, by path. */
  files: Map<string, Uint8Array>;
  /** The save dialog's answer, and the options it was last opened with. */
  dialog: { answer: StubUri | undefined; options: unknown };
}

export interface StubUri {
  path: string;
  fsPath: string;
  toString(): string;
}

export function stubUri(path: string): StubUri {
  return { path, fsPath: path, toString: () => `file://${path}` };
}

export interface StubStatusItem {
  id: string;
  text: string;
  tooltip: unknown;
  name?: string;
  command?: string;
  backgroundColor?: unknown;
  visible: boolean;
  disposed: boolean;
}

type Listener<T> = (e: T) => void;

export type StubPanel = ReturnType<typeof makePanel>;

/** A webview panel that keeps what the host posts; `send` plays the page, `hide` the user. */
export function makePanel(viewType: string) {
  const received = new EventEmitter<unknown>();
  const disposed = new EventEmitter<void>();
  const viewState = new EventEmitter<void>();
  const panel = {
    viewType,
    visible: true,
    iconPath: undefined as unknown,
    revealed: 0,
    disposed: false,
    posted: [] as { type: string }[],
    webview: {
      options: {} as unknown,
      html: '',
      cspSource: 'https://resource.test',
      asWebviewUri: (u: { path: string }) => ({ toString: () => `https://resource.test${u.path}` }),
      postMessage: async (m: unknown) => {
        panel.posted.push(JSON.parse(JSON.stringify(m)) as { type: string });
        return true;
      },
      onDidReceiveMessage: received.event,
    },
    onDidDispose: disposed.event,
    onDidChangeViewState: viewState.event,
    reveal: () => void panel.revealed++,
    dispose: () => {
      if (panel.disposed) return;
      panel.disposed = true;
      disposed.fire();
    },
    send: (m: unknown) => received.fire(m),
    hide: () => {
      panel.visible = false;
      viewState.fire();
    },
  };
  return panel;
}

class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  event = (listener: Listener<T>) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

/** Empties what a test records and sets (the registrations of earlier activations stay, like the stub). */
export function resetRecord(record: StubRecord): void {
  record.statusItems.length = 0;
  record.messages.length = 0;
  record.logLines.length = 0;
  record.configUpdates.length = 0;
  record.panels.length = 0;
  record.files.clear();
  record.dialog.answer = undefined;
  record.dialog.options = undefined;
  for (const key of Object.keys(record.config)) delete record.config[key];
  for (const key of Object.keys(record.workspaceConfig)) delete record.workspaceConfig[key];
}

export function createVscodeStub(config: Record<string, unknown> = {}): {
  vscode: Record<string, unknown>;
  record: StubRecord;
  fireConfigChange(): void;
} {
  const record: StubRecord = {
    commands: new Map(),
    statusItems: [],
    serializers: [],
    serializerOf: new Map(),
    messages: [],
    logLines: [],
    config,
    workspaceConfig: {},
    configUpdates: [],
    panels: [],
    files: new Map(),
    dialog: { answer: undefined, options: undefined },
  };
  const configEmitter = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();
  const noop = () => ({ dispose() {} });
  const log = (level: string) => (message: string) => record.logLines.push(`${level} ${message}`);
  const vscode: Record<string, unknown> = {
    version: '1.96.0-stub',
    env: { sessionId: 'stub-session', language: 'en' },
    // English: what vscode.l10n.t does without a bundle (fill {0}…).
    l10n: {
      bundle: undefined,
      t: (message: string, ...args: unknown[]) =>
        message.replace(/\{(\d+)\}/g, (whole, i: string) =>
          args[Number(i)] === undefined ? whole : String(args[Number(i)]),
        ),
    },
    EventEmitter,
    StatusBarAlignment: { Left: 1, Right: 2 },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    ViewColumn: { Active: -1 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    Uri: {
      joinPath: (base: { path: string }, ...parts: string[]) => stubUri([base.path, ...parts].join('/')),
      file: stubUri,
    },
    ThemeColor: class {
      constructor(readonly id: string) {}
    },
    MarkdownString: class {
      isTrusted: unknown;
      supportHtml = false;
      constructor(
        readonly value: string,
        readonly supportThemeIcons = false,
      ) {}
    },
    Disposable: class {
      constructor(private readonly fn: () => void) {}
      dispose() {
        this.fn();
      }
    },
    window: {
      state: { focused: true },
      createOutputChannel: () => ({
        info: log('info'),
        warn: log('warn'),
        error: log('error'),
        debug: log('debug'),
        trace: log('trace'),
        show() {},
        dispose() {},
      }),
      createStatusBarItem: (id: string) => {
        const item: StubStatusItem & { show(): void; hide(): void; dispose(): void } = {
          id,
          text: '',
          tooltip: undefined,
          visible: false,
          disposed: false,
          show() {
            item.visible = true;
          },
          hide() {
            item.visible = false;
          },
          dispose() {
            item.disposed = true;
          },
        };
        record.statusItems.push(item);
        return item;
      },
      onDidChangeWindowState: noop,
      registerWebviewPanelSerializer: (
        viewType: string,
        serializer: { deserializeWebviewPanel(panel: unknown, state: unknown): Promise<void> },
      ) => {
        record.serializers.push(viewType);
        record.serializerOf.set(viewType, serializer);
        return { dispose: () => record.serializerOf.delete(viewType) };
      },
      createWebviewPanel: (viewType: string) => {
        const panel = makePanel(viewType);
        record.panels.push(panel);
        return panel;
      },
      showSaveDialog: async (options: unknown) => {
        record.dialog.options = options;
        return record.dialog.answer;
      },
      showWarningMessage: (m: string) => {
        record.messages.push(m);
        return Promise.resolve(undefined);
      },
      showInformationMessage: (m: string) => {
        record.messages.push(m);
        return Promise.resolve(undefined);
      },
      setStatusBarMessage: noop,
    },
    commands: {
      registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
        record.commands.set(id, fn);
        return { dispose: () => record.commands.delete(id) };
      },
      executeCommand: () => Promise.resolve(undefined),
    },
    workspace: {
      workspaceFolders: [{ uri: stubUri('/work') }],
      getConfiguration: (section?: string) => {
        const full = (key: string) => (section ? `${section}.${key}` : key);
        return {
          get: (key: string) => record.workspaceConfig[full(key)] ?? record.config[full(key)],
          update: async (key: string, value: unknown, target: unknown) => {
            record.configUpdates.push({ key, value, target });
            record.config[full(key)] = value;
          },
          inspect: (key: string) => ({
            key: full(key),
            globalValue: record.config[full(key)],
            workspaceValue: record.workspaceConfig[full(key)],
          }),
        };
      },
      onDidChangeConfiguration: configEmitter.event,
      fs: {
        readFile: async (u: { path: string }) => {
          const bytes = record.files.get(u.path);
          if (!bytes) throw new Error('ENOENT');
          return bytes;
        },
        writeFile: async (u: { path: string }, bytes: Uint8Array) => void record.files.set(u.path, bytes),
        createDirectory: async () => undefined,
      },
    },
  };
  return { vscode, record, fireConfigChange: () => configEmitter.fire({ affectsConfiguration: () => true }) };
}

export function createMemento(): {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Promise<void>;
  keys(): string[];
} {
  const store = new Map<string, unknown>();
  return {
    get: <T>(key: string) => store.get(key) as T | undefined,
    update: (key, value) => {
      store.set(key, JSON.parse(JSON.stringify(value)));
      return Promise.resolve();
    },
    keys: () => [...store.keys()],
  };
}

/** An ExtensionContext stand-in; its global storage is a fresh temporary folder unless one is given. */
export function createContext(extensionPath: string, globalStoragePath?: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { mkdtempSync } = require('node:fs') as typeof import('node:fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const storage = globalStoragePath ?? mkdtempSync(`${tmpdir()}/mining-economics-storage-`);
  return {
    subscriptions: [] as { dispose(): unknown }[],
    globalState: createMemento(),
    extension: { id: 'mining-economics.mining-economics', packageJSON: { version: '0.0.0-bench' } },
    extensionMode: 1,
    extensionUri: stubUri(extensionPath),
    extensionPath,
    globalStorageUri: stubUri(storage),
    secrets: createSecretStorage(),
  };
}

/** An in-memory SecretStorage with its change event. */
export function createSecretStorage() {
  const values = new Map<string, string>();
  const listeners = new Set<(e: { key: string }) => void>();
  const fire = (key: string): void => listeners.forEach((l) => l({ key }));
  return {
    get: (key: string) => Promise.resolve(values.get(key)),
    store: (key: string, value: string) => (values.set(key, value), fire(key), Promise.resolve()),
    delete: (key: string) => (values.delete(key), fire(key), Promise.resolve()),
    keys: () => Promise.resolve([...values.keys()]),
    onDidChange: (listener: (e: { key: string }) => void) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
}

/** Makes `require('vscode')` return the stub in this process. */
export function installVscodeStub(vscode: Record<string, unknown>): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = Module._load;
  Module._load = function (request: string, ...rest: unknown[]) {
    if (request === 'vscode') return vscode;
    return original.call(this, request, ...rest);
  };
}
