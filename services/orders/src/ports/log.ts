/** The slice of the structured logger use cases write to (Powertools' Logger satisfies it). */
export interface Log {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

export const silentLog: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };
