export * from './stages';
export * from './service-vars';
