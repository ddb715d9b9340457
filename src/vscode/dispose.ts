// One way to own things that must be disposed: a class extends Disposable and `_register`s what it
// creates; disposing it disposes them, newest first, each once, even if one of them throws.
// Structural (no `vscode` import), so it also serves the Node-only parts such as the lease folder.

export interface IDisposable {
  dispose(): unknown;
}

export abstract class Disposable implements IDisposable {
  private readonly _disposables: IDisposable[] = [];
  private _isDisposed = false;

  protected get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Takes ownership; registered after disposal, it is disposed at once. */
  protected _register<T extends IDisposable>(value: T): T {
    if (this._isDisposed) value.dispose();
    else this._disposables.push(value);
    return value;
  }

  dispose(): void {
    if (this._isDisposed) return;
    this._isDisposed = true;
    disposeAll(this._disposables.splice(0).reverse());
  }
}

/** Disposes every one of them; the first error is rethrown after all were tried. */
export function disposeAll(disposables: Iterable<IDisposable>): void {
  const errors: unknown[] = [];
  for (const d of disposables) {
    try {
      d.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
}

export function toDisposable(dispose: () => unknown): IDisposable {
  return { dispose };
}
