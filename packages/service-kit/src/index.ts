export * from './http/auth';
export * from './http/correlation';
export * from './http/http-handler';
export * from './http/problem';
export * from './logger';
export * from './sqs/batch-consumer';
export * from './sqs/event-publisher';
export * from './sqs/sqs-client';
