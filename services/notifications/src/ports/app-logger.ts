/** The logging the use cases need (the Powertools logger satisfies it). */
export interface AppLogger {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
}

export const silentLogger: AppLogger = { info: () => undefined, warn: () => undefined };
