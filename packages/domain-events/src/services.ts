/** The deployable services of the system. Every producer and consumer is one of these. */
export const serviceNames = ['orders', 'payments', 'notifications'] as const;
export type ServiceName = (typeof serviceNames)[number];

export const isServiceName = (value: unknown): value is ServiceName =>
  typeof value === 'string' && (serviceNames as readonly string[]).includes(value);
