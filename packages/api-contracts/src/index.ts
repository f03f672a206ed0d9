export * from './json-schema-compat';
export * from './openapi-compat';
export * from './openapi-responses';
export * from './routes';
