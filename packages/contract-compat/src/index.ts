export * from './json-schema-compat';
