export * from './measure-event.codec';
export * from './measure.repository';
export * from './measure-directory.service';
export * from './measure-worklist.finder';
export * from './measure.executor';
export * from './measure-decision.handlers';
export * from './measure.view';
