export * from './recheck';
export * from './replay';
export * from './what-if';
