export * from './openapi-compat';
export * from './openapi-responses';
export * from './routes';
export * from './cors';
