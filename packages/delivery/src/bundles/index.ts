export * from './packaged-functions';
export * from './zip-archive';
