export * from './api-event';
export * from './local-issuer';
export * from './token-cases';
export * from './fuzz';
export * from './fuzz-records';
