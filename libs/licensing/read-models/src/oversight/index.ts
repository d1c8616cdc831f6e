export * from './case-histories';
export * from './period-decisions';
export * from './replay.views';
export * from './replay-case.handler';
export * from './replay-decisions.handler';
export * from './stream-decisions.handler';
export * from './what-if.handler';
export * from './get-policy-versions.handler';
