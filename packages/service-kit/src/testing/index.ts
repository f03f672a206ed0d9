export * from './api-event';
export * from './local-issuer';
