import { createHash } from 'node:crypto';
import { canonicalJson } from '@licences/event-store';
import type { AccessLogEntry, AccessRecord } from '../ports/access-log.port';

/**
 * The canonical encoding of a record: `canonicalJson` (the event seal's RFC 8785 form) of the
 * object with exactly the members `at`, `caseId`, `correlationId`, `detail`, `kind`, `method`,
 * `role`, `roles`, `route`, `seq`, `status`, `sub` and `url`, each with its stored value (null
 * where the record has none).
 */
export function canonicalAccessRecordEncoding(seq: number, entry: AccessLogEntry): string {
  return canonicalJson({
    seq,
    kind: entry.kind,
    at: entry.at,
    sub: entry.sub,
    roles: entry.roles,
    role: entry.role,
    method: entry.method,
    route: entry.route,
    url: entry.url,
    caseId: entry.caseId,
    status: entry.status,
    correlationId: entry.correlationId,
    detail: entry.detail,
  });
}

/**
 * The hash that chains a record, as the event seal chains events: with `C` its canonical encoding,
 *
 *     hash = hex(SHA-256(UTF-8(prevHash + C)))
 *
 * where `prevHash` is the hash of the record with the previous seq (GENESIS_HASH, 64 zeros, for
 * seq 1). Every hash depends on all the records before it, so a head hash kept elsewhere (the
 * anchor) shows any record changed, removed, inserted or reordered up to it.
 */
export function accessRecordHash(prevHash: string, seq: number, entry: AccessLogEntry): string {
  return createHash('sha256')
    .update(prevHash + canonicalAccessRecordEncoding(seq, entry), 'utf8')
    .digest('hex');
}

/** `entry` as the record at `seq` after the record whose hash is `prevHash`. */
export function sealAccessRecord(prevHash: string, seq: number, entry: AccessLogEntry): AccessRecord {
  return { ...entry, seq, prevHash, hash: accessRecordHash(prevHash, seq, entry) };
}
