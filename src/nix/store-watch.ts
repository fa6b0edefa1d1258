/**
 * When the background pusher looks at the store again: soon after its directory changes (an output moved in, a
 * `.lock` removed once Nix has registered a path), and every `intervalMs` whatever happens, since a watch can miss
 * events (a full inotify queue, a file system without inotify) and validity itself makes no event.
 */
import { type FSWatcher, watch } from "node:fs";

export interface StoreChanges {
  /** Resolves when another look is due, or at once when `signal` aborts. */
  next(signal: AbortSignal): Promise<void>;
  close(): void;
}

export interface StoreChangesOptions {
  /** The longest wait between two looks. */
  readonly intervalMs: number;
  /** How long after a change the look comes: a build's burst of entries is read in one go. */
  readonly settleMs: number;
}

export function watchStoreChanges(storeDir: string, options: StoreChangesOptions): StoreChanges {
  let changed = false;
  let onChange: (() => void) | undefined;
  let watcher: FSWatcher | undefined;
  try {
    // Not persistent: the watch alone must never keep the process alive.
    watcher = watch(storeDir, { persistent: false }, () => {
      changed = true;
      onChange?.();
    });
    watcher.on("error", () => {
      watcher?.close();
      watcher = undefined;
    });
  } catch {
    // No inotify (or no store directory yet): the interval alone.
    watcher = undefined;
  }
  return {
    next(signal) {
      return new Promise((resolve) => {
        const timers: NodeJS.Timeout[] = [];
        const done = () => {
          for (const timer of timers) clearTimeout(timer);
          signal.removeEventListener("abort", done);
          onChange = undefined;
          changed = false;
          resolve();
        };
        if (signal.aborted) return done();
        signal.addEventListener("abort", done, { once: true });
        timers.push(setTimeout(done, options.intervalMs));
        const settle = () => {
          onChange = undefined;
          timers.push(setTimeout(done, options.settleMs));
        };
        if (changed) settle();
        else onChange = settle;
      });
    },
    close() {
      watcher?.close();
    },
  };
}
