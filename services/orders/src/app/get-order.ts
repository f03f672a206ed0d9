import type { Order } from '../domain/order';
import type { OrdersDeps } from './deps';
import { OrderNotFoundError } from './errors';

/** The caller's order. Another customer's order is reported exactly like a missing one (no existence oracle). */
export const getOrder =
  ({ repository }: Pick<OrdersDeps, 'repository'>) =>
  async (customerId: string, orderId: string): Promise<Order> => {
    const stored = await repository.get(orderId);
    if (!stored || stored.order.customerId !== customerId) throw new OrderNotFoundError(orderId);
    return stored.order;
  };
