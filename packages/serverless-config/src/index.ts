export * from './stages';
export * from './identity';
export * from './identity-vars';
export * from './service-vars';
export * from './cors';
export * from './observability/index';
