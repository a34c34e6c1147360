export * from './errors';
export * from './permissions';
export * from './directory';
export * from './domain-error';
