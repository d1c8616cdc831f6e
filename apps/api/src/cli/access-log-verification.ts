import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { verifyAccessLog } from '@licences/licensing-application';
import type {
  AccessLog,
  AccessLogAnchorHead,
  AccessLogReport,
  AccessRecord,
} from '@licences/licensing-application';
import { SqliteAccessLog, SqliteAccessLogAnchor } from '@licences/licensing-sqlite';
import type { AccessLogLocation } from '../audit/access-log-files';

/** `absent`: no log and no anchor (the API never served here); `unreadable`: not a database. */
export type AccessLogState = 'intact' | 'tampered' | 'absent' | 'unreadable';

const RESULTS: Record<AccessLogState, string> = {
  intact: 'INTACT',
  tampered: 'TAMPERED',
  absent: 'NO LOG',
  unreadable: 'NOT VERIFIED',
};

export interface AccessLogCheck {
  readonly file: string;
  readonly anchorFile: string;
  readonly state: AccessLogState;
  readonly summary: string;
  readonly report?: AccessLogReport;
  /** The record at the first problem's seq, when one is stored there. */
  readonly problemRecord?: AccessRecord;
}

async function readAnchor(file: string) {
  if (!existsSync(file)) return null;
  const anchor = SqliteAccessLogAnchor.open(file, { readonly: true });
  try {
    return await anchor.read();
  } finally {
    await anchor.close();
  }
}

type CheckPlace = Pick<AccessLogCheck, 'file' | 'anchorFile'>;

/** A log that could not be opened or read: not verified, with the reason. */
export function unreadableCheck(where: CheckPlace, error: unknown): AccessLogCheck {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ...where,
    state: 'unreadable',
    summary: `Not verified: the access log cannot be read (${reason}).`,
  };
}

/** The chain of an open log verified against its anchor, with the record at the first problem. */
export async function verifiedCheck(
  where: CheckPlace,
  log: AccessLog,
  anchor: AccessLogAnchorHead | null,
): Promise<AccessLogCheck> {
  const report = await verifyAccessLog(log, anchor);
  const problem = report.firstProblem;
  const [problemRecord] = problem ? await log.readAfter(problem.seq - 1, 1) : [];
  return {
    ...where,
    state: report.intact ? 'intact' : 'tampered',
    summary: report.summary,
    report,
    ...(problemRecord?.seq === problem?.seq && problemRecord && { problemRecord }),
  };
}

/** Verifies the access log's chain and compares it with its anchor, for `npm run verify`. */
export async function checkAccessLog(location: AccessLogLocation): Promise<AccessLogCheck> {
  const where = { file: location.logFile, anchorFile: location.anchorFile };
  const anchor = await readAnchor(location.anchorFile);
  if (!existsSync(location.logFile)) {
    return anchor
      ? {
          ...where,
          state: 'tampered',
          summary: `Tampered: the access log is missing, while its anchor names record ${anchor.seq} (hash ${anchor.hash}).`,
        }
      : {
          ...where,
          state: 'absent',
          summary: 'No access log: the API has not served from this data folder.',
        };
  }
  let log: SqliteAccessLog;
  try {
    log = SqliteAccessLog.open(location.logFile, { mustExist: true });
  } catch (error) {
    return unreadableCheck(where, error);
  }
  try {
    return await verifiedCheck(where, log, anchor);
  } finally {
    await log.close();
  }
}

function describeRecord(record: AccessRecord): string {
  const request = record.method ? ` ${record.method} ${record.url ?? ''}` : '';
  return `${record.kind} by ${record.sub}${request} at ${record.at}`;
}

/** The text `npm run verify` prints for the access log, after the events' part. */
export function describeAccessLog(check: AccessLogCheck): string {
  const lines = [`Access log ${check.file} (anchor in ${basename(check.anchorFile)})`];
  const { report } = check;
  if (!report)
    return [...lines, `  result:           ${RESULTS[check.state]}`, `  ${check.summary}`].join('\n');
  lines.push(`  result:           ${RESULTS[check.state]}`);
  const problem = report.firstProblem;
  if (problem) {
    lines.push(`  first problem:    ${problem.kind} at record ${problem.seq}`);
    if (check.problemRecord) lines.push(`    record:         ${describeRecord(check.problemRecord)}`);
    lines.push(
      `    detail:         ${problem.detail}`,
      `  verified before:  ${report.recordsChecked} records` +
        (report.head ? `, up to record ${report.head.seq} (hash ${report.head.hash})` : ''),
    );
  } else {
    lines.push(
      `  records checked:  ${report.recordsChecked}`,
      `  head record:      ${report.head?.seq ?? 'none'}`,
      `  head hash:        ${report.head?.hash ?? 'none'}`,
    );
  }
  const anchor = report.anchor;
  lines.push(
    anchor
      ? `  anchor:           record ${anchor.anchor.seq}, hash ${anchor.anchor.hash}: ${anchor.matches ? 'matches' : 'DOES NOT MATCH'}`
      : '  anchor:           none (a log from before anchors were kept)',
  );
  return lines.join('\n');
}
