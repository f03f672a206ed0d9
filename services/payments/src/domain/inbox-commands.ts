import * as z from 'zod';
import { Id } from '@commerce/domain-events';

/**
 * Messages payments sends to its own inbox (ADR 0022), beside the domain events it subscribes to. They carry no
 * outcome: each only says "look at this order again", and the inbox reads what happened from the provider and the
 * record, so a forged, duplicated or early message changes nothing that the provider does not confirm.
 * - `check-action`: the provider notified a change of the order's payment (a verified Stripe webhook).
 * - `expire-action`: the customer's time to complete the action is up (a delayed message, SQS DelaySeconds).
 */
export const PaymentCommand = z.discriminatedUnion('command', [
  z.object({
    kind: z.literal('payments.command'),
    command: z.literal('check-action'),
    orderId: Id,
    /** The provider's notification (Stripe event id and type), for the logs. */
    source: z.string().regex(/^[\x21-\x7e]{1,200}$/),
  }),
  z.object({ kind: z.literal('payments.command'), command: z.literal('expire-action'), orderId: Id }),
]);
export type PaymentCommand = z.infer<typeof PaymentCommand>;

export const isPaymentCommandBody = (body: unknown): boolean =>
  typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'payments.command';
