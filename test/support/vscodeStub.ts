// A minimal stand-in for the `vscode` module: enough for activate() to run outside VS Code, so unit tests
// can check the composition root and benchmarks can time activation in a bare Node process.
// It records what the extension registers and creates.

export interface StubRecord {
  commands: Map<string, (...args: unknown[]) => unknown>;
  statusItems: StubStatusItem[];
  serializers: string[];
  messages: string[];
  logLines: string[];
  config: Record<string, unknown>;
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

class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  event = (listener: Listener<T>) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export function createVscodeStub(config: Record<string, unknown> = {}): { vscode: Record<string, unknown>; record: StubRecord; fireConfigChange(): void } {
  const record: StubRecord = { commands: new Map(), statusItems: [], serializers: [], messages: [], logLines: [], config };
  const configEmitter = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();
  const noop = () => ({ dispose() {} });
  const log = (level: string) => (message: string) => record.logLines.push(`${level} ${message}`);
  const vscode: Record<string, unknown> = {
    version: '1.96.0-stub',
    env: { sessionId: 'stub-session' },
    EventEmitter,
    StatusBarAlignment: { Left: 1, Right: 2 },
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
      registerWebviewPanelSerializer: (viewType: string) => {
        record.serializers.push(viewType);
        return { dispose() {} };
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
      getConfiguration: (section?: string) => ({
        get: (key: string) => record.config[section ? `${section}.${key}` : key],
      }),
      onDidChangeConfiguration: configEmitter.event,
    },
  };
  return { vscode, record, fireConfigChange: () => configEmitter.fire({ affectsConfiguration: () => true }) };
}

export function createMemento(): { get<T>(key: string): T | undefined; update(key: string, value: unknown): Promise<void>; keys(): string[] } {
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
    extension: { packageJSON: { version: '0.0.0-bench' } },
    extensionUri: { fsPath: extensionPath },
    extensionPath,
    globalStorageUri: { fsPath: storage },
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
