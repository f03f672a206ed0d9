// The SQS side of service-kit without the HTTP middleware (middy is ESM-only): for scripts run by tsx in CommonJS.
export * from './event-publisher';
export * from './sqs-client';
