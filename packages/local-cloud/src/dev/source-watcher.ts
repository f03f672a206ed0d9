import { watch, type FSWatcher } from 'node:fs';

/**
 * Watches a set of directories with the OS's file events (inotify on Linux: no polling, no CPU while nothing
 * changes) and calls `onChange` once per burst of changes (an editor's save is often several events).
 */
export class SourceWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onChange: () => void,
    private readonly settleMs = 50,
  ) {}

  /** Watch exactly these directories from now on (the inputs of the last good build). */
  update(directories: Iterable<string>): void {
    const wanted = new Set(directories);
    for (const [directory, watcher] of this.watchers) {
      if (!wanted.has(directory)) {
        watcher.close();
        this.watchers.delete(directory);
      }
    }
    for (const directory of wanted) {
      if (this.watchers.has(directory)) continue;
      try {
        const watcher = watch(directory, { persistent: false }, () => this.changed());
        watcher.on('error', () => {
          watcher.close();
          this.watchers.delete(directory);
        });
        this.watchers.set(directory, watcher);
      } catch {
        // a directory that vanished: the next build's inputs say what to watch
      }
    }
  }

  get size(): number {
    return this.watchers.size;
  }

  close(): void {
    clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onChange, this.settleMs);
  }
}
