import 'reflect-metadata';
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import type { Actor } from '@licences/event-store';
import { DomainError } from '@licences/licensing-domain';
import {
  HistoricalImportModule,
  HistoricalImportService,
  ImportTooManyLinesError,
  MAX_IMPORT_LINES,
  stagingDirIn,
  systemClock,
} from '@licences/licensing-application';
import type { ImportProgress } from '@licences/licensing-application';
import { loadIdentityConfig } from '../auth/identity-config';
import { TokenVerifier } from '../auth/token-verifier';
import { loadConfig } from '../config/app-config';
import { prepareDataFolder } from '../config/data-folder';
import { checkDataFolderAtStart } from '../config/store-integrity';
import type { AppConfig } from '../config/app-config';
import { InfrastructureModule } from '../infrastructure/infrastructure.module';
import { echoCommand } from './echo-command';
import { progressBar } from './progress-bar';

/** Exit code when the file was staged but cases were refused (0: all would go in, 1: it failed). */
const SOME_REFUSED = 3;

/** The event store and the import service, without the HTTP API or the projections. */
@Module({})
class ImportCliModule {
  static forRoot({ dataDir, eventStore, importCutover }: AppConfig): DynamicModule {
    return {
      module: ImportCliModule,
      imports: [
        InfrastructureModule.forRoot({ dataDir, clock: systemClock, eventStore }),
        HistoricalImportModule.forRoot({ cutover: importCutover, stagingDir: stagingDirIn(dataDir) }),
      ],
    };
  }
}

/**
 * The admin who stages, from the token in LICENCES_TOKEN (never an argument, which the command
 * echo and the process list would show): the record names the uploader, and the approval must
 * come from someone else, so the uploader cannot be a name typed at will.
 */
async function uploaderOf({ mode }: AppConfig): Promise<Actor> {
  const token = process.env['LICENCES_TOKEN'];
  if (!token) {
    throw new Error(
      'Set LICENCES_TOKEN to your admin bearer token (npm run token -- --role admin --sub <you>); the import records you as its uploader',
    );
  }
  // Verified as the API verifies it: the same identity settings, key set, expiry and lifetime rules.
  const verifier = new TokenVerifier(loadIdentityConfig(process.env, mode));
  let verified: Awaited<ReturnType<TokenVerifier['verify']>>;
  try {
    verified = await verifier.verify(token);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new Error(
      `LICENCES_TOKEN was refused${typeof code === 'string' ? ` (${code})` : ''}: ${(error as Error).message}`,
    );
  }
  if (!verified.roles.includes('admin')) throw new Error('LICENCES_TOKEN must be an admin token');
  return { sub: verified.sub, role: 'admin' };
}

/** Counts lines as the import numbers them, for the progress bar's total and the line limit. */
async function countLines(file: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (const byte of chunk) if (byte === 0x0a) lines += 1;
    last = chunk.at(-1) ?? last;
  }
  return last === 0x0a ? lines : lines + 1;
}

/**
 * Stages a file, as `POST /api/imports` does: the import is checked and recorded, and nothing
 * goes in until another admin approves it through the API. The CLI has no approve command, so
 * that no one person can take an import through both steps.
 */
async function stageHistory(file: string): Promise<void> {
  await access(file);
  // The staged copy and the stores it writes are owner-only, as the API's are.
  process.umask(0o077);
  const config = loadConfig();
  prepareDataFolder(config.dataDir);
  await checkDataFolderAtStart(config.dataDir, {
    warn: (warning) => process.stderr.write(`${warning}\n`),
    // The import's output is its outcome; how the stores were checked is the server's to say.
    log: () => undefined,
  });
  const uploadedBy = await uploaderOf(config);
  const total = await countLines(file);
  // The service refuses it too, but only after copying it into staging: say so before.
  if (total > MAX_IMPORT_LINES) throw new ImportTooManyLinesError(MAX_IMPORT_LINES);
  const app = await NestFactory.createApplicationContext(ImportCliModule.forRoot(config), {
    logger: ['warn', 'error'],
  });
  // Staging reads the file twice (check, then review): the bar runs over twice its lines.
  const bar = progressBar(
    'import [{bar}] {percentage}% | {phase} | {linesRead}/{lines} lines | {cases} | ETA {eta}s',
  );
  const payload = (p: ImportProgress) => ({
    phase: p.phase,
    linesRead: p.linesRead,
    lines: total,
    cases: p.phase === 'check' ? `${p.casesDone} cases seen` : `${p.casesDone}/${p.casesTotal} cases`,
  });
  bar.start(
    Math.max(2 * total, 1),
    0,
    payload({ phase: 'check', linesRead: 0, casesDone: 0, casesTotal: 0 }),
  );
  try {
    const { record, created } = await app
      .get(HistoricalImportService)
      .stage(createReadStream(file), uploadedBy, {
        onProgress: (p) => bar.update((p.phase === 'check' ? 0 : total) + p.linesRead, payload(p)),
      })
      .catch((error: unknown) => {
        bar.stop();
        // Refused whole: the first refusals go to stdout as the staging record would have.
        if (error instanceof DomainError && error.code === 'IMPORT_TOO_MANY_REFUSALS') {
          process.stdout.write(`${JSON.stringify({ code: error.code, ...error.details }, null, 2)}\n`);
        }
        throw error;
      });
    bar.stop();
    process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
    const { staging } = record;
    process.stderr.write(
      `${created ? 'Staged' : 'Already recorded'}: import ${record.importId} is ${record.status}; ` +
        `${staging.accepted} cases would go in, ${staging.alreadyImported} are in already, ${staging.refusedTotal} refused, ` +
        `${staging.findings.deviations} deviations found.\n` +
        (record.status === 'staged'
          ? `An admin other than ${uploadedBy.sub} approves it with POST /api/imports/${record.importId}/approve ` +
            `(or rejects it with POST /api/imports/${record.importId}/reject and a reason).\n`
          : ''),
    );
    process.exitCode = staging.refusedTotal > 0 ? SOME_REFUSED : 0;
  } finally {
    bar.stop();
    await app.close();
  }
}

new Command('import')
  .description(
    'Stage historical decisions from a JSON Lines file for a second admin to approve (LICENCES_TOKEN: your admin token); prints the staging record as JSON (exit 3 when cases were refused)',
  )
  .argument('<file>', 'one event per line: { caseId, type, occurredAt, actor, data }')
  .hook('preAction', () => echoCommand('import'))
  .action(stageHistory)
  .parseAsync()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
