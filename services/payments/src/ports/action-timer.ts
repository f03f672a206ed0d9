/**
 * Wakes the payments inbox up again for one order after a delay (ADR 0022: the expiry of a customer action). At least
 * once: the handler of the wake-up checks the record's state and its expiry, so a duplicate or early one is harmless.
 */
export interface ActionTimer {
  /** `delaySeconds` is 0..900 (SQS DelaySeconds). */
  expireLater(orderId: string, delaySeconds: number): Promise<void>;
}
