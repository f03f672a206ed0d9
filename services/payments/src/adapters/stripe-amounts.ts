/**
 * Our amounts are integer minor units at the currency's ISO 4217 exponent (EUR 1250 = €12.50, JPY 1500 = ¥1,500,
 * KWD 1250 = 1.250 KD). Stripe's `amount` is the same for almost every currency; the exceptions
 * (https://docs.stripe.com/currencies#special-cases) are handled here and only here.
 */

/** ISO 4217 exponent 0, but Stripe keeps two decimals for backwards compatibility (ISK 5 -> amount 500). */
const ZERO_DECIMAL_AS_TWO = new Set(['ISK']);

/** ISO 4217 exponent 3: Stripe takes three decimals but the last digit must be 0 (KWD 5.124 is refused). */
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

export type StripeAmount = { ok: true; amount: number; currency: string } | { ok: false; why: string };

/** Stripe's `amount` and `currency` for an amount in ISO minor units, or why Stripe cannot take it. */
export const toStripeAmount = (amountMinor: number, currency: string): StripeAmount => {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) return { ok: false, why: `amount must be a non-negative integer of minor units, got ${amountMinor}` };
  const code = currency.toUpperCase();
  if (THREE_DECIMAL.has(code) && amountMinor % 10 !== 0) return { ok: false, why: `${code} amounts must end in 0 for Stripe, got ${amountMinor}` };
  const amount = ZERO_DECIMAL_AS_TWO.has(code) ? amountMinor * 100 : amountMinor;
  if (!Number.isSafeInteger(amount)) return { ok: false, why: `amount ${amountMinor} ${code} is too large` };
  return { ok: true, amount, currency: code.toLowerCase() };
};
