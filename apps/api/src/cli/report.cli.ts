import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  BuildReportQuery,
  formatReport,
  LicensingReportingModule,
  parseReportPeriod,
  REPORT_FORMATS,
  REPORT_LANGUAGES,
  REPORT_NAMES,
} from '@licences/licensing-reporting';
import type { Report, ReportFormat, ReportLanguage, ReportName } from '@licences/licensing-reporting';
import { loadConfig } from '../config/app-config';
import type { EventStoreConfig, ReadStoreConfig } from '../config/app-config';
import { ProjectorModule } from '../projector.module';
import { catchUpReadModels } from './catch-up';
import { echoCommand } from './echo-command';

/**
 * Where `--out` with a relative path writes: a folder git, ESLint and Prettier all ignore, so
 * that a report written in the working tree never fails `npm run lint`.
 */
const REPORTS_DIR = 'reports';

/** The projections and the report queries, without HTTP. */
@Module({})
class ReportCliModule {
  static forRoot(dataDir: string, eventStore?: EventStoreConfig, readStore?: ReadStoreConfig): DynamicModule {
    return {
      module: ReportCliModule,
      imports: [ProjectorModule.forRoot(dataDir, eventStore, readStore), LicensingReportingModule],
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
  lang: ReportLanguage;
  out?: string;
  position?: number;
}

/** An absolute path as given; a relative one under REPORTS_DIR of the folder npm runs in. */
function outputPath(out: string): string {
  return isAbsolute(out) ? out : join(process.cwd(), REPORTS_DIR, out);
}

function wholeNumber(value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new InvalidArgumentError('Expected a whole number.');
  return Number(value);
}

async function report(name: string, options: ReportOptions): Promise<void> {
  if (!(REPORT_NAMES as readonly string[]).includes(name)) {
    throw new Error(`Unknown report ${name}; use one of ${REPORT_NAMES.join(', ')}`);
  }
  const period = parseReportPeriod(options);
  const { dataDir, eventStore, readStore } = loadConfig();
  const app = await NestFactory.createApplicationContext(
    ReportCliModule.forRoot(dataDir, eventStore, readStore),
    {
      logger: ['warn', 'error'],
    },
  );
  try {
    await catchUpReadModels(app, { buildEmpty: readStore.kind === 'sqlite' });
    const built = await app
      .get(QueryBus)
      .execute<BuildReportQuery, Report>(
        new BuildReportQuery(name as ReportName, period, options.position, options.lang),
      );
    const { body } = formatReport(built, options.format);
    if (options.out) {
      const file = outputPath(options.out);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, body);
      process.stderr.write(`Wrote ${name} (${period.label}, position ${built.position}) to ${file}\n`);
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
  .addOption(
    new Option('--lang <lang>', 'language of the texts; nl also writes amounts and dates the Dutch way')
      .choices([...REPORT_LANGUAGES])
      .default('en'),
  )
  .option('--out <file>', `write here instead of stdout (a relative path lands under ./${REPORTS_DIR}/)`)
  .option('--position <n>', 'build at this event position, to rebuild an earlier report exactly', wholeNumber)
  .hook('preAction', () => echoCommand('report'))
  .action(report)
  .parseAsync()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
