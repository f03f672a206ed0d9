import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logger (Powertools). One per module; correlation ids are appended per invocation. */
export const createLogger = (serviceName: string): Logger =>
  new Logger({ serviceName, logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO' });

export type { Logger };
