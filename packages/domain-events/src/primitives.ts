import * as z from 'zod';

/** Opaque identifier: 1..128 printable ASCII characters, no whitespace. */
export const Id = z.string().regex(/^[\x21-\x7e]{1,128}$/, 'must be 1..128 printable characters without spaces');

/** ISO-4217 alphabetic currency code. */
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO-4217 code such as EUR');

/** Money is always integer minor units (cents) of a currency. */
export const AmountCents = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** UTC ISO-8601 timestamp with a Z offset. */
export const UtcTimestamp = z.iso.datetime({ offset: false });

export const Sku = z.string().regex(/^[\x21-\x7e][\x20-\x7e]{0,63}$/, 'must be 1..64 printable characters');

export const OrderItem = z.object({
  sku: Sku,
  quantity: z.number().int().min(1).max(1000),
  unitPriceCents: AmountCents,
});
export type OrderItem = z.infer<typeof OrderItem>;
