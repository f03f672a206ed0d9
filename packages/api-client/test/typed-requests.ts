/**
 * Compile-time checks, not a Jest test: `pnpm typecheck` (npm test) fails when the generated types stop describing
 * the APIs as below, e.g. if a required field became optional or an enum became a plain string.
 */
import { createCommerceClient, LOCAL_BASE_URLS, type Order, type OrderStatus, type Payment } from '../src/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(..._values: unknown[]): T | void => undefined;

const client = createCommerceClient({ baseUrls: LOCAL_BASE_URLS });

export const typedRequests = async (): Promise<void> => {
  // @ts-expect-error the document requires a currency
  await client.orders.create({ items: [{ sku: 'SKU-1', quantity: 1, unitPriceCents: 100 }] });
  // @ts-expect-error quantity is an integer, not a string
  await client.orders.create({ currency: 'EUR', items: [{ sku: 'SKU-1', quantity: '1', unitPriceCents: 100 }] });
  // @ts-expect-error limit is a number
  client.orders.list({ limit: '20' });

  const order: Order = await client.orders.get('ord-1');
  assertType<Equal<OrderStatus, 'PENDING_PAYMENT' | 'PAID' | 'PAYMENT_FAILED' | 'CANCELLED'>>();
  assertType<Equal<typeof order.totalCents, number>>();
  const payment: Payment = await client.payments.get(order.id);
  assertType<Equal<typeof payment.orderId, string>>(payment);
  for await (const message of client.notifications.list({ limit: 10 })) assertType<Equal<typeof message.channel, 'email'>>(message);

  // raw: every route of the document, typed by path
  const { data } = await client.orders.raw.GET('/orders/{id}', { params: { path: { id: order.id } } });
  assertType<Equal<typeof data, Order | undefined>>(data);
  // @ts-expect-error no such route in the document
  await client.orders.raw.GET('/orders/{id}/refunds', { params: { path: { id: order.id } } });
};
