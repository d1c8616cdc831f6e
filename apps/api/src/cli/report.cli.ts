import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { PROJECTION_NAMES, ProjectionRunner, READ_MODEL_STORE } from '@licences/licensing-read-models';
import type { ReadModelStore } from '@licences/licensing-read-models';
import {
  BuildReportQuery,
  formatReport,
  LicensingReportingModule,
  parseReportPeriod,
  REPORT_FORMATS,
  REPORT_NAMES,
} from '@licences/licensing-reporting';
import type { Report, ReportFormat, ReportName } from '@licences/licensing-reporting';
import { loadConfig } from '../config/app-config';
import type { EventStoreConfig } from '../config/app-config';
import { ProjectorModule } from '../projector.module';

const CATCH_UP_TIMEOUT_MS = 120_000;
const POLL_MS = 50;

/** The projections and the report queries, without HTTP. */
@Module({})
class ReportCliModule {
  static forRoot(dataDir: string, eventStore?: EventStoreConfig): DynamicModule {
    return {
      module: ReportCliModule,
      imports: [ProjectorModule.forRoot(dataDir, eventStore), LicensingReportingModule],
    };
  }
}

interface ReportOptions {
  year?: string;
  month?: string;
  quarter?: string;
  from?: string;
  to?: string;
  format: ReportFormat;
  out?: string;
  position?: number;
}

function wholeNumber(value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new InvalidArgumentError('Expected a whole number.');
  return Number(value);
}

/** Runs the projections here until they reach the head, showing how far they got on stderr. */
async function catchUp(
  events: EventStore,
  readModels: ReadModelStore,
  runner: ProjectionRunner,
): Promise<void> {
  const head = await events.headPosition();
  const bar = new SingleBar({
    format: 'projecting [{bar}] {percentage}% | {value}/{total} events',
    stream: process.stderr,
    noTTYOutput: true,
    notTTYSchedule: 250,
  });
  const lowest = async () =>
    Math.min(...(await Promise.all(PROJECTION_NAMES.map((name) => readModels.checkpoint(name)))));
  bar.start(Math.max(head, 1), Math.min(await lowest(), head));
  await runner.start();
  const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
  try {
    for (;;) {
      const done = await lowest();
      bar.update(Math.min(done, head));
      if (done >= head) break;
      if (Date.now() >= deadline)
        throw new Error(`The read models did not reach position ${head} in time; try again`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    runner.stop();
    bar.update(head);
    bar.stop();
  }
}

async function report(name: string, options: ReportOptions): Promise<void> {
  if (!(REPORT_NAMES as readonly string[]).includes(name)) {
    throw new Error(`Unknown report ${name}; use one of ${REPORT_NAMES.join(', ')}`);
  }
  const period = parseReportPeriod(options);
  const { dataDir, eventStore } = loadConfig();
  const app = await NestFactory.createApplicationContext(ReportCliModule.forRoot(dataDir, eventStore), {
    logger: ['warn', 'error'],
  });
  try {
    await catchUp(
      app.get<symbol, EventStore>(EVENT_STORE),
      app.get<symbol, ReadModelStore>(READ_MODEL_STORE),
      app.get(ProjectionRunner),
    );
    const built = await app
      .get(QueryBus)
      .execute<BuildReportQuery, Report>(new BuildReportQuery(name as ReportName, period, options.position));
    const { body } = formatReport(built, options.format);
    if (options.out) {
      writeFileSync(options.out, body);
      process.stderr.write(`Wrote ${name} (${period.label}, position ${built.position}) to ${options.out}\n`);
    } else {
      process.stdout.write(body);
    }
  } finally {
    await app.close();
  }
}

new Command('report')
  .description('Build a statistics report from the read models; the same position gives the same bytes')
  .argument('<report>', REPORT_NAMES.join(' | '))
  .option('--year <YYYY>')
  .option('--month <YYYY-MM>')
  .option('--quarter <YYYY-Qn>')
  .option('--from <YYYY-MM-DD>')
  .option('--to <YYYY-MM-DD>')
  .addOption(new Option('--format <format>').choices([...REPORT_FORMATS]).default('json'))
  .option('--out <file>', 'write here instead of stdout')
  .option('--position <n>', 'build at this event position, to rebuild an earlier report exactly', wholeNumber)
  .action(report)
  .parseAsync()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
