import { MeasureDecisionHandler } from './measure-decision.handlers';
import { MeasureDirectory } from './measure-directory.service';
import { MeasureWorklistFinder } from './measure-worklist.finder';
import { MeasureExecutor } from './measure.executor';
import { MeasureRepository } from './measure.repository';
import { MeasureQueries } from './measure.view';

/** Country measures: decided, executed and shown; exported so that the app and a CLI can run them. */
export const MEASURE_PROVIDERS = [
  MeasureRepository,
  MeasureDirectory,
  MeasureWorklistFinder,
  MeasureExecutor,
  MeasureDecisionHandler,
  MeasureQueries,
];
