import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Command, InvalidArgumentError } from 'commander';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { amsterdamDateOf } from '@licences/licensing-domain';
import type { LocalDate } from '@licences/licensing-domain';
import { DEFAULT_DEMO_CASES, DEFAULT_DEMO_SEED, DemoPlan } from '@licences/licensing-sample-data';
import { loadConfig } from '../config/app-config';
import {
  DemoClock,
  DemoCliModule,
  DemoRefusal,
  eventStoreLocation,
  refuseUnlessEmpty,
  startAccessLog,
} from './demo-context';
import { loadPlan } from './demo-load';
import { DemoTally, formatSummary } from './demo-summary';
import { calendarDate } from './oversight-context';
import { progressBar } from './progress-bar';

interface DemoOptions {
  readonly cases: number;
  readonly seed: number;
  readonly today?: LocalDate;
  readonly json?: boolean;
}

function positiveWholeNumber(value: string): number {
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new InvalidArgumentError('Expected a whole number from 1.');
  return Number(value);
}

function seedNumber(value: string): number {
  if (!/^\d{1,10}$/.test(value) || Number(value) > 0xffffffff) {
    throw new InvalidArgumentError('Expected a whole number from 0 to 4294967295.');
  }
  return Number(value);
}

async function loadDemo(options: DemoOptions): Promise<void> {
  if (process.env['NODE_ENV'] === 'production') {
    throw new DemoRefusal('NODE_ENV is production, and sample data must never enter a production store');
  }
  const started = Date.now();
  // The real clock is read here, in the CLI; the plan itself only knows the date it is given.
  const today = options.today ?? amsterdamDateOf(new Date());
  const plan = new DemoPlan({ seed: options.seed, cases: options.cases, today });
  const archive = plan.archiveImport();
  const { dataDir, eventStore } = loadConfig();
  const store = { dataDir, ...(eventStore && { eventStore }) };
  const clock = new DemoClock();
  const cutover = archive && new Date(archive.cutover);
  const app = await NestFactory.createApplicationContext(DemoCliModule.forRoot(store, clock, cutover), {
    logger: ['warn', 'error'],
  });
  const bar = progressBar('demo [{bar}] {percentage}% | {value}/{total} decisions | {stage}');
  try {
    await refuseUnlessEmpty(app, store);
    await startAccessLog(store);
    let archiveLines = 0;
    for (const _line of plan.importLines()) archiveLines += 1;
    bar.start(Math.max(archiveLines + plan.countSteps(), 1), 0, { stage: 'planning' });
    const tally = new DemoTally(plan);
    let live = 0;
    let imported = 0;
    const report = await loadPlan(app, plan, clock, {
      onImport: (p) => {
        if (p.phase === 'import') imported = p.linesRead;
        bar.update(live + imported, { stage: `archive import: ${p.phase}` });
      },
      onStep: (step) => {
        if (step.case) tally.addCase(step.case);
        // A reassessment that proposes revocation records the proposal too.
        for (let n = 0; n < step.recorded; n += 1) tally.addDecision(step.at);
        live += 1;
        bar.update(live + imported, { stage: `live decisions of ${step.at.slice(0, 7)}` });
      },
    });
    for (const script of plan.importedScripts()) {
      tally.addCase(script.case);
      for (const step of script.steps) for (let n = 0; n < step.recorded; n += 1) tally.addDecision(step.at);
    }
    bar.update(live + imported);
    bar.stop();
    const position = await app.get<symbol, EventStore>(EVENT_STORE).headPosition();
    const summary = tally.summary(eventStoreLocation(store), position, report);
    process.stdout.write(
      options.json
        ? `${JSON.stringify(summary, null, 2)}\n`
        : formatSummary(summary, (Date.now() - started) / 1000),
    );
  } finally {
    bar.stop();
    await app.close();
  }
}

new Command('demo')
  .description(
    'Load a seeded, reproducible sample history (live decisions and an imported archive) into an empty store',
  )
  .option('--cases <n>', 'cases in all, imported ones included', positiveWholeNumber, DEFAULT_DEMO_CASES)
  .option('--seed <n>', 'the same seed and today give the same history', seedNumber, DEFAULT_DEMO_SEED)
  .option('--today <date>', 'the plan ends the day before (default: today in Europe/Amsterdam)', calendarDate)
  .option('--json', 'print the summary as JSON')
  .action(loadDemo)
  .parseAsync()
  .catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      error instanceof DemoRefusal ? `Refusing to load demo data: ${message}\n` : `${message}\n`,
    );
    process.exitCode = 1;
  });
