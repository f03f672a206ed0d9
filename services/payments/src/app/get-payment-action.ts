import type { PaymentStatus } from '../domain/payment';
import type { Clock } from '../ports/clock';
import type { PaymentProvider } from '../ports/payment-provider';
import type { PaymentRepository } from '../ports/payment-repository';

export interface PaymentActionView {
  orderId: string;
  type: 'authenticate';
  /** Read from the provider for this answer only: never stored, logged or published. */
  clientSecret: string;
  expiresAt: string;
}

export interface GetPaymentActionDeps {
  repository: PaymentRepository;
  provider: Pick<PaymentProvider, 'actionClientSecret'>;
  clock: Clock;
}

export type PaymentActionAnswer =
  | { kind: 'not-found' }
  | { kind: 'not-required'; status: PaymentStatus }
  | { kind: 'expired'; expiresAt: string }
  | { kind: 'action'; action: PaymentActionView };

/**
 * The customer action the payment of the caller's order waits for (ADR 0022), with the provider's client secret to
 * complete it: unknown orders and other customers' orders are alike (not-found); a payment that waits for nothing,
 * whose order is being cancelled, or whose time is up (the expiry timer is about to fail it), has no action to complete.
 */
export const getPaymentAction = async (deps: GetPaymentActionDeps, orderId: string, customerId: string): Promise<PaymentActionAnswer> => {
  const record = await deps.repository.get(orderId);
  if (!record || record.customerId !== customerId) return { kind: 'not-found' };
  if (record.status !== 'ACTION_REQUIRED' || !record.paymentId || !record.action) return { kind: 'not-required', status: record.status };
  // A cancel is recorded and its cancellation at the provider is on its way: nothing for the customer to complete.
  if (record.cancel) return { kind: 'not-required', status: 'CANCELLED' };
  if (Date.parse(record.action.expiresAt) <= deps.clock.now().getTime()) return { kind: 'expired', expiresAt: record.action.expiresAt };
  const clientSecret = await deps.provider.actionClientSecret(record.paymentId);
  return { kind: 'action', action: { orderId: record.orderId, type: record.action.type, clientSecret, expiresAt: record.action.expiresAt } };
};
