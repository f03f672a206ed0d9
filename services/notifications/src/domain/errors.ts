/** The record cannot ever succeed (bad input, broken template): retrying is pointless, it belongs in the DLQ. */
export class PoisonMessageError extends Error {
  override readonly name: string = 'PoisonMessageError';
}

/** A template could not be rendered with the model it was given. */
export class TemplateError extends PoisonMessageError {
  override readonly name = 'TemplateError';
}

/**
 * Another attempt currently holds the claim on the same message (concurrent delivery of a duplicate). The record is
 * failed so SQS redelivers it after the visibility timeout; by then the message is SENT (and the record is
 * acknowledged) or the other attempt's lease has expired (and this one takes over).
 */
export class MessageInFlightError extends Error {
  override readonly name = 'MessageInFlightError';
}

/** A listing cursor that this service did not issue for this caller. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}
