import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { verifyIntegrity } from '@licences/licensing-application';
import type { IntegrityReport } from '@licences/licensing-application';
import { checkAccessLog } from '../access-log-verification';
import type { AccessLogCheck } from '../access-log-verification';
import { ACCESS_LOG_FILE, EVENTS_FILE } from './backup-layout';
import type { BackedUpFile } from './backup-layout';
import { digestOf } from './private-files';
import { structuralFinding } from '../../config/store-integrity';
import { settleDatabase } from './sqlite-snapshot';

/** A published head the copy's events must still end in (the one a backup's manifest names). */
export interface ExpectedEventsHead {
  readonly position: number;
  readonly hash: string;
}

export interface StoreCopyVerification {
  readonly events: IntegrityReport;
  readonly accessLog: AccessLogCheck;
  /** One phrase per problem; none when the copy verifies. */
  readonly problems: readonly string[];
}

async function verifyEvents(
  file: string,
  expected: ExpectedEventsHead | undefined,
): Promise<IntegrityReport> {
  const store = SqliteEventStore.open({ file });
  try {
    return await verifyIntegrity(store, {
      // An empty store has no event to hold a published hash.
      ...(expected && expected.position > 0 && { expectHead: expected }),
    });
  } finally {
    await store.close();
  }
}

function eventsProblem(
  report: IntegrityReport,
  expected: ExpectedEventsHead | undefined,
): string | undefined {
  if (!report.sealed) return `events: ${report.summary}`;
  // The first broken event names where the history was changed; a head that differs only then.
  if (report.firstProblem) return `events: ${report.summary}`;
  if (report.checkpoint?.matches === false) return `events: ${report.checkpoint.finding}`;
  if (expected && report.headPosition !== expected.position) {
    return `events: the head is at position ${report.headPosition}, the manifest says ${expected.position}`;
  }
  return undefined;
}

function accessLogProblem(check: AccessLogCheck): string | undefined {
  switch (check.state) {
    case 'intact':
    case 'absent':
      return undefined;
    case 'tampered':
    case 'unreadable':
      return `access log: ${check.summary}`;
    default: {
      const unknown: never = check.state;
      return `access log: unknown state ${String(unknown)}`;
    }
  }
}

/**
 * Runs the checks of `npm run verify` on a copy of a data folder (the events' hash chain and seals,
 * the access log's chain against the anchor kept with the events), with SQLite's structural check
 * of every database and each staged import's content against the sha256 that names it. The copy is
 * left as it was found: the side files a reader leaves beside a database are folded back in.
 */
export async function verifyStoreCopy(
  folder: string,
  files: readonly BackedUpFile[],
  expected?: ExpectedEventsHead,
): Promise<StoreCopyVerification> {
  const problems: string[] = [];
  const databases = files.filter((file) => file.kind !== 'staged-import');
  for (const { name } of databases) {
    const finding = structuralFinding(join(folder, name));
    if (finding) problems.push(`${name}: SQLite's quick_check found ${finding}`);
  }
  const eventsFile = join(folder, EVENTS_FILE);
  if (!existsSync(eventsFile)) throw new Error(`${folder} holds no ${EVENTS_FILE}`);
  const events = await verifyEvents(eventsFile, expected);
  const accessLog = await checkAccessLog({ logFile: join(folder, ACCESS_LOG_FILE), anchorFile: eventsFile });
  problems.push(
    ...[eventsProblem(events, expected), accessLogProblem(accessLog)].filter((p) => p !== undefined),
  );
  for (const { name } of files.filter((file) => file.kind === 'staged-import')) {
    const { sha256 } = await digestOf(join(folder, name));
    if (`${sha256}.ndjson` !== basename(name)) problems.push(`${name}: its content has sha256 ${sha256}`);
  }
  for (const { name } of databases) settleDatabase(join(folder, name));
  return { events, accessLog, problems };
}
