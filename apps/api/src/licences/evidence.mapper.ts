import type { Evidence, LocalDate } from '@licences/licensing-domain';
import type { EvidenceDto } from './dto/decision.dto';

/** Evidence as the domain records it: hashes in lower case, as the import stores them too. */
export function evidenceOf(items: readonly EvidenceDto[]): Evidence[] {
  return items.map((e) => ({
    ...e,
    date: e.date as LocalDate,
    ...(e.sha256 && { sha256: e.sha256.toLowerCase() }),
  }));
}
