export * from './errors';
export * from './permissions';
export * from './directory';
export * from './domain-error';
export * from './chat';
export * from './meetings';
export * from './realtime-events';
export * from './link-policy';
