// The shared records of src/core/lease/ as files in one folder (the extension's global storage, which
// every window of a profile shares). Writes go to a temp file renamed over the target, so a reader never
// sees half a record. Changes are noticed through fs.watch and, because fs.watch misses events on some
// filesystems (network drives, WSL mounts, some containers), also by comparing stats every pollMs.
// Node only — no vscode import — so tests (and other processes) can use it as is.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeError } from '../core/errors';
import type { SharedText } from '../core/lease';
import { clampDelayMs } from '../core/timers';

export const LEASE_FILES = { lease: 'lease.json', snapshot: 'snapshot.json', focus: 'focus.json' } as const;
export type LeaseFileName = keyof typeof LEASE_FILES;
const NAMES = Object.keys(LEASE_FILES) as LeaseFileName[];

export interface LeaseFolderOptions {
  /** Stat comparison period, the fallback when fs.watch is silent (default 2 s). */
  readonly pollMs?: number;
  /** Use fs.watch as well (default true). */
  readonly watch?: boolean;
  /** What goes wrong in the background (creating the folder, a listener's bug): for the log. */
  readonly onError?: (message: string) => void;
}

/** Windows refuses a rename over a file another process has open for a moment: retry briefly. */
const BUSY_CODES = new Set(['EPERM', 'EBUSY', 'EACCES']);
const BUSY_RETRIES = 5;
/**
 * Failures no retry cures: no permission, a read-only filesystem, a file where the folder (or a parent)
 * should be. Anything else (a full disk, a network drive away for a moment) the lease retries.
 */
const UNUSABLE_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST']);
/** Temp files of a writer that died between write and rename are removed after this long. */
const STALE_TEMP_MS = 60_000;

export class LeaseFolder {
  private readonly listeners = new Set<(name: LeaseFileName) => void>();
  private readonly seen = new Map<LeaseFileName, string>();
  private watcher: fs.FSWatcher | null = null;
  private readonly pollTimer: ReturnType<typeof setInterval>;
  private ready: Promise<void> | null = null;
  private polling = false;
  private disposed = false;

  private readonly onError: (message: string) => void;

  /** Starts at once: creates the folder, takes a baseline, watches. Not for activate() (it is I/O). */
  constructor(
    readonly dir: string,
    options: LeaseFolderOptions = {},
  ) {
    this.onError = options.onError ?? (() => undefined);
    this.pollTimer = setInterval(() => void this.poll(), clampDelayMs(options.pollMs ?? 2_000));
    this.pollTimer.unref?.();
    void this.ensureDir()
      .then(async () => {
        await this.poll(); // the baseline: what exists now is not a change
        if (options.watch !== false) this.startWatching();
        await this.removeStaleTemps();
      })
      .catch((error: unknown) => {
        // Those probe() reports; the owner then stops using the folder.
        if (!isUnusable(error))
          this.onError(`Shared folder ${dir} unusable for now (retried on the next write): ${describeError(error)}`);
      });
  }

  /**
   * Null when records can be written here; otherwise why not, for failures no retry cures (UNUSABLE_CODES).
   * Its owner then fetches alone at once instead of waiting for the lease to give up (two rounds, ~40 s).
   */
  async probe(): Promise<string | null> {
    // Named like a record's temp file, so removeStaleTemps() clears it should the unlink fail.
    const temp = path.join(this.dir, `.${LEASE_FILES.lease}.probe.${process.pid}.${tempSuffix()}.tmp`);
    try {
      await this.ensureDir();
      await fs.promises.writeFile(temp, '', 'utf8');
      await fs.promises.unlink(temp).catch(() => undefined);
      return null;
    } catch (error) {
      return isUnusable(error) ? describeError(error) : null;
    }
  }

  /** One record of the folder. */
  text(name: LeaseFileName): SharedText {
    const file = path.join(this.dir, LEASE_FILES[name]);
    return {
      read: () => readText(file),
      write: async (text) => {
        await this.ensureDir();
        await writeAtomically(file, text);
      },
    };
  }

  /** Fires for changes by any process, ours included, possibly more than once per change. */
  onDidChange(listener: (name: LeaseFileName) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.pollTimer);
    this.watcher?.close();
    this.watcher = null;
    this.listeners.clear();
  }

  private ensureDir(): Promise<void> {
    // VS Code does not create the global storage folder; a failed attempt is retried on the next write.
    this.ready ??= fs.promises.mkdir(this.dir, { recursive: true }).then(
      () => undefined,
      (error: unknown) => {
        this.ready = null;
        throw error;
      },
    );
    return this.ready;
  }

  private startWatching(): void {
    if (this.disposed) return;
    try {
      this.watcher = fs.watch(this.dir, { persistent: false }, (_event, filename) => {
        const name = filename ? nameOf(String(filename)) : null;
        if (filename && !name) return; // temp files and strangers
        // No filename (some platforms): it may have been any of ours.
        for (const n of name ? [name] : NAMES) void this.changed(n);
      });
      this.watcher.on('error', () => {
        // The folder went away or the platform gave up: the stat poll carries on alone.
        this.watcher?.close();
        this.watcher = null;
      });
    } catch {
      this.watcher = null;
    }
  }

  /** Emits when the file's identity (inode, size, mtime) differs from what we last reported. */
  private async changed(name: LeaseFileName): Promise<void> {
    const key = await statKey(path.join(this.dir, LEASE_FILES[name]));
    if (this.disposed || key === this.seen.get(name)) return;
    this.seen.set(name, key);
    for (const listener of [...this.listeners]) {
      try {
        listener(name);
      } catch (error) {
        // One listener's bug must not hide the change from the others.
        this.onError(`A listener of ${LEASE_FILES[name]} failed: ${describeError(error)}`);
      }
    }
  }

  private async poll(): Promise<void> {
    if (this.polling || this.disposed) return;
    this.polling = true;
    try {
      const first = this.seen.size === 0;
      for (const name of NAMES) {
        if (first) this.seen.set(name, await statKey(path.join(this.dir, LEASE_FILES[name])));
        else await this.changed(name);
      }
    } finally {
      this.polling = false;
    }
  }

  private async removeStaleTemps(): Promise<void> {
    const now = Date.now();
    for (const entry of await fs.promises.readdir(this.dir).catch(() => [] as string[])) {
      if (!entry.endsWith('.tmp') || !NAMES.some((n) => entry.startsWith(`.${LEASE_FILES[n]}.`))) continue;
      const file = path.join(this.dir, entry);
      const stat = await fs.promises.stat(file).catch(() => null);
      if (stat && now - stat.mtimeMs > STALE_TEMP_MS) await fs.promises.unlink(file).catch(() => undefined);
    }
  }
}

function isUnusable(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && UNUSABLE_CODES.has(code);
}

function nameOf(filename: string): LeaseFileName | null {
  const base = path.basename(filename);
  return NAMES.find((n) => LEASE_FILES[n] === base) ?? null;
}

async function statKey(file: string): Promise<string> {
  try {
    const s = await fs.promises.stat(file, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}`;
  } catch {
    return 'absent';
  }
}

async function readText(file: string): Promise<string | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fs.promises.readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      if (!code || !BUSY_CODES.has(code) || attempt >= BUSY_RETRIES) throw error;
      await delay(10 * attempt);
    }
  }
}

/** Temp file in the same folder (rename is only atomic within one filesystem), then rename over. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${tempSuffix()}.tmp`);
  await fs.promises.writeFile(temp, text, 'utf8');
  for (let attempt = 1; ; attempt++) {
    try {
      await fs.promises.rename(temp, file);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!code || !BUSY_CODES.has(code) || attempt >= BUSY_RETRIES) {
        await fs.promises.unlink(temp).catch(() => undefined);
        throw error;
      }
      await delay(10 * attempt);
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, clampDelayMs(ms)));
}

/**
 * A temp file's name only has to differ from another writer's in the same folder (the pid is in it too), so
 * Math.random is enough; node:crypto would cost the host bundle's load ~12 ms in a fresh Node process.
 */
function tempSuffix(): string {
  return Math.floor(Math.random() * 0x1_0000_0000)
    .toString(16)
    .padStart(8, '0');
}
