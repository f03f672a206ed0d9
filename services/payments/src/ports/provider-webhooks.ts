/** The part of a verified provider notification (a Stripe Event) payments reads. */
export interface VerifiedProviderEvent {
  id: string;
  type: string;
  data: { object: unknown };
}

/** The request is not a notification signed with our endpoint secret (or it is too old): answered 400. */
export class WebhookSignatureError extends Error {
  override readonly name = 'WebhookSignatureError';
}

export interface WebhookVerifier {
  /** Throws WebhookSignatureError for anything not signed by the provider with our endpoint secret. */
  verify(rawBody: string, signatureHeader: string | undefined): Promise<VerifiedProviderEvent>;
}

/** "Look at this order's payment again" for the payments inbox (ADR 0022). */
export interface PaymentChecks {
  checkAction(orderId: string, source: string): Promise<void>;
}
