import type { OrderPage } from '../ports/order-repository';
import type { OrdersDeps } from './deps';

export const listOrders =
  ({ repository }: Pick<OrdersDeps, 'repository'>) =>
  (customerId: string, options: { limit: number; cursor?: string }): Promise<OrderPage> =>
    repository.listByCustomer(customerId, options);
