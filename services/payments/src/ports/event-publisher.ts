export type { EventPublisher } from '@commerce/service-kit';
