import { createTelemetry } from '@commerce/service-kit';

/** The notifications functions' logger, metrics and tracer (ADR 0017). */
export const telemetry = createTelemetry('notifications');
