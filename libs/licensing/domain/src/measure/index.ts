export * from './measure.commands';
export * from './measure.events';
export * from './measure.state';
export * from './measure.decider';
export * from './measure.worklist';
