import * as z from 'zod';
import { serviceNames } from './services';
import { UtcTimestamp } from './primitives';

const TraceId = z.string().min(1).max(128);

/** The envelope every event travels in; `payload` is checked against the (type, version) schema separately. */
export const EnvelopeSchema = z.object({
  eventId: z.uuid(),
  type: z.string().regex(/^[a-z]+(\.[a-z]+)+$/, 'must look like aggregate.verb'),
  version: z.number().int().min(1),
  occurredAt: UtcTimestamp,
  producer: z.enum(serviceNames),
  correlationId: TraceId,
  causationId: TraceId,
  payload: z.unknown(),
});

export type Envelope = z.infer<typeof EnvelopeSchema>;
