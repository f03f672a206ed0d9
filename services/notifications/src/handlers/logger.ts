import { createLogger } from '@commerce/service-kit';

export const logger = createLogger('notifications');
