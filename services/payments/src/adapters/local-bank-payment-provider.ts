import {
  ProviderOutcomeUnknownError,
  TransientProviderError,
  type CancelActionResult,
  type ChargeRequest,
  type ChargeResult,
  type PaymentProvider,
  type RefundRequest,
  type RefundResult,
} from '../ports/payment-provider';

/**
 * The local provider backed by a bank outside the function (stage `local` only, `LOCAL_PAYMENT_BANK_URL`): the
 * soak's bank (packages/local-cloud/src/soak/local-bank.ts) keeps the ledger of every capture and refund across
 * instances and restarts, and injects the provider's faults. It speaks a small JSON protocol over HTTP, with the
 * semantics of a real provider: an idempotency key replays the original result; 503 means nothing happened (retry);
 * no answer in time, or a broken connection, means the outcome is unknown (the money may have moved).
 * The bank never asks for a customer's authentication (it answers captured or declined), so no payment of it ever
 * waits for one: the customer-action calls (ADR 0022) fail loudly instead of inventing an answer.
 */
export class LocalBankPaymentProvider implements PaymentProvider {
  constructor(
    private readonly bankUrl: string,
    private readonly timeoutMs = 1_000,
  ) {}

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    return (await this.call('charges', request)) as ChargeResult;
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    return (await this.call('refunds', request)) as RefundResult;
  }

  async actionOutcome(paymentId: string): Promise<ChargeResult> {
    throw new Error(`local bank: ${paymentId} cannot wait for a customer action; the bank never asks for one`);
  }

  async actionClientSecret(paymentId: string): Promise<string> {
    throw new Error(`local bank: ${paymentId} has no customer action`);
  }

  async cancelAction(paymentId: string, _idempotencyKey: string): Promise<CancelActionResult> {
    throw new Error(`local bank: ${paymentId} has no customer action to cancel`);
  }

  private async call(operation: 'charges' | 'refunds', request: ChargeRequest | RefundRequest): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.bankUrl}/${operation}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': request.idempotencyKey },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ProviderOutcomeUnknownError(`local bank: no answer to ${operation} ${request.idempotencyKey} (${(error as Error).message})`);
    }
    const body = (await response.json().catch(() => undefined)) as unknown;
    if (response.status === 503) throw new TransientProviderError(`local bank: ${operation} unavailable, nothing was done`);
    if (!response.ok) throw new Error(`local bank: ${operation} answered ${response.status} ${JSON.stringify(body)}`);
    return body;
  }
}
