import type { z } from 'zod';

export interface FieldIssue {
  /** Dotted path of the failing field, e.g. `payload.items.0.quantity`; empty for the whole value. */
  path: string;
  message: string;
}

export const toFieldIssues = (error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldIssue[] =>
  error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.'),
    message: issue.message,
  }));

const summarise = (issues: readonly FieldIssue[]): string =>
  issues
    .slice(0, 5)
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join('; ');

/** Thrown by parseEvent: the input is not a valid event of any known (type, version). */
export class EventParseError extends Error {
  override readonly name = 'EventParseError';
  constructor(readonly issues: readonly FieldIssue[]) {
    super(`invalid domain event: ${summarise(issues)}`);
  }
}

/** Thrown by createEvent: a producer tried to publish an event that breaks its contract. */
export class EventValidationError extends Error {
  override readonly name = 'EventValidationError';
  constructor(
    readonly eventType: string,
    readonly issues: readonly FieldIssue[],
  ) {
    super(`refusing to create ${eventType}: ${summarise(issues)}`);
  }
}

/** Thrown by parseReceiptDocument: the input is not a valid receipt document (receipts/{orderId}.json). */
export class ReceiptParseError extends Error {
  override readonly name = 'ReceiptParseError';
  constructor(readonly issues: readonly FieldIssue[]) {
    super(`invalid receipt document: ${summarise(issues)}`);
  }
}
