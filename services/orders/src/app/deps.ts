import type { Clock } from '../ports/clock';
import type { EventPublisher } from '../ports/event-publisher';
import type { IdGenerator } from '../ports/id-generator';
import type { OrderRepository } from '../ports/order-repository';

/** Everything the use cases need, as ports: composition.ts wires AWS, unit tests wire fakes. */
export interface OrdersDeps {
  repository: OrderRepository;
  publisher: EventPublisher;
  clock: Clock;
  ids: IdGenerator;
}

/** How often a conditional write is retried after losing a race before giving up (the caller may retry). */
export const MAX_WRITE_ATTEMPTS = 5;
