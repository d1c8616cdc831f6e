import { GENESIS_HASH } from '@licences/event-store';
import { sealAccessRecord } from '@licences/licensing-application';
import type {
  AccessLogEntry,
  AccessLogFilter,
  AccessRecord,
  AccessRecordKind,
} from '@licences/licensing-application';

/*
 * The access log as rows, shared by the SQLite and PostgreSQL adapters: the same columns, the same
 * JSON text and so the same hashes, whichever database keeps the chain.
 */

/** One record as stored; `roles` and `detail` are JSON text, kept as written so hashes recompute. */
export interface AccessLogRow {
  /** BIGINT arrives from PostgreSQL as text. */
  seq: number | string;
  prev_hash: string;
  hash: string;
  kind: string;
  at: string;
  sub: string;
  roles: string;
  role: string | null;
  method: string | null;
  route: string | null;
  url: string | null;
  case_id: string | null;
  status: number | null;
  correlation_id: string | null;
  detail: string | null;
}

export const ACCESS_LOG_COLUMNS =
  'seq, prev_hash, hash, kind, at, sub, roles, role, method, route, url, case_id, status, correlation_id, detail';

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The record a row holds. A column altered into something its type cannot hold is kept visibly
 * unreadable rather than dropped, so that its hash no longer matches and the verifier names it.
 */
export function toAccessRecord(row: AccessLogRow): AccessRecord {
  const roles = parsed(row.roles);
  const detail = row.detail === null ? null : parsed(row.detail);
  return {
    // BIGINT arrives as text; a log past 2^53 records is not a concern of this century.
    seq: Number(row.seq),
    prevHash: row.prev_hash,
    hash: row.hash,
    kind: row.kind as AccessRecordKind,
    at: row.at,
    sub: row.sub,
    roles:
      Array.isArray(roles) && roles.every((r) => typeof r === 'string')
        ? roles
        : [`unreadable: ${row.roles}`],
    role: row.role,
    method: row.method,
    route: row.route,
    url: row.url,
    caseId: row.case_id,
    status: row.status,
    correlationId: row.correlation_id,
    detail:
      detail === null || (typeof detail === 'object' && !Array.isArray(detail))
        ? (detail as Record<string, unknown> | null)
        : { unreadable: row.detail },
  };
}

export function toAccessLogRow(record: AccessRecord): AccessLogRow {
  return {
    seq: record.seq,
    prev_hash: record.prevHash,
    hash: record.hash,
    kind: record.kind,
    at: record.at,
    sub: record.sub,
    roles: JSON.stringify(record.roles),
    role: record.role,
    method: record.method,
    route: record.route,
    url: record.url,
    case_id: record.caseId,
    status: record.status,
    correlation_id: record.correlationId,
    detail: record.detail === null ? null : JSON.stringify(record.detail),
  };
}

/** The insert parameters of a record, in ACCESS_LOG_COLUMNS order ($1 to $15). */
export function toInsertParameters(record: AccessRecord): unknown[] {
  const row = toAccessLogRow(record);
  return [
    row.seq,
    row.prev_hash,
    row.hash,
    row.kind,
    row.at,
    row.sub,
    row.roles,
    row.role,
    row.method,
    row.route,
    row.url,
    row.case_id,
    row.status,
    row.correlation_id,
    row.detail,
  ];
}

/**
 * Seals `entry` as the record after `previous` from its content as it will read back (JSON text
 * round-tripped), so that a verifier recomputes exactly this hash.
 */
export function sealAsStored(
  previous: { seq: number; hash: string } | undefined,
  entry: AccessLogEntry,
): AccessRecord {
  const stored = toAccessRecord(toAccessLogRow({ ...entry, seq: 0, prevHash: '', hash: '' }));
  return sealAccessRecord(previous?.hash ?? GENESIS_HASH, (previous?.seq ?? 0) + 1, stored);
}

/**
 * The WHERE clause of a listing and its parameters, with `placeholder(i)` for the i-th parameter
 * (`?` in SQLite, `$1`... in PostgreSQL).
 */
export function accessLogWhere(
  filter: AccessLogFilter,
  placeholder: (index: number) => string,
): { where: string; params: string[] } {
  const conditions: [string, string | undefined][] = [
    ['sub =', filter.sub],
    ['case_id =', filter.caseId],
    ['at >=', filter.from],
    ['at <=', filter.to],
  ];
  const used = conditions.filter((c): c is [string, string] => c[1] !== undefined);
  return {
    where: used.length
      ? `WHERE ${used.map(([clause], i) => `${clause} ${placeholder(i + 1)}`).join(' AND ')}`
      : '',
    params: used.map(([, value]) => value),
  };
}
