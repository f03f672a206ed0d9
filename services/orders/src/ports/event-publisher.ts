/** Re-export of service-kit's publisher port, so use cases depend on a port, not on SQS. */
export type { EventPublisher } from '@commerce/service-kit';
