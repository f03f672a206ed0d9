export interface DirLockOptions {
  /** A lock older than this is a killed holder's and is taken over. */
  staleMs: number;
  /** How often a waiter tries again. */
  pollMs: number;
  /** Give up (throw) after waiting this long; default: never. */
  timeoutMs?: number;
}

export declare const acquireDirLock: (lock: string, options: DirLockOptions) => Promise<() => void>;
export declare const withDirLock: <T>(lock: string, options: DirLockOptions, work: () => Promise<T>) => Promise<T>;
