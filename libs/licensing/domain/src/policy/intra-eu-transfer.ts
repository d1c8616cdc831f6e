import { countryGroupsOn } from '../countries';
import type { CaseDetails } from '../licence/licence.values';
import { ruleViolation } from '../shared/domain-error';
import type { LocalDate } from '../shared/local-date';
import type { RuleSource } from './validity-policy';

/*
 * Dual-use goods to an EU member state. Export under Regulation (EU) 2021/821 art. 2(2) means
 * leaving the customs territory of the Union, so a dual-use "export" to a member state is no
 * export; a transfer within the Union needs an authorisation only for the items of Annex IV
 * (art. 11(1)). The same held under Regulation (EC) 428/2009 (art. 2(2), art. 22(1)).
 */

export interface AnnexIvList {
  readonly source: RuleSource;
  /** Entries and sub-items of Annex IV; an entry covers every sub-item below it. */
  readonly entries: readonly string[];
}

export const ANNEX_IV: AnnexIvList = {
  source: {
    reference:
      'Regulation (EU) 2021/821, art. 2(2), art. 11(1) and Annex IV; before 2021-09-09 Regulation (EC) 428/2009, art. 22(1) and Annex IV',
    assumption: true,
    note: 'The entries below are the Annex IV headings as found (stealth technology, MTCR technology, Category 0 nuclear items); the list is not verified against the consolidated Annex IV in force on each date. An Annex IV item missing here is refused as an export within the EU and must be added here, with its source, before the transfer can be recorded.',
  },
  entries: [
    // Part I, stealth technology.
    '1C001',
    '1C101',
    '1D103',
    '1E101',
    '1E102',
    // Part I, MTCR technology.
    '7A117',
    '7B001',
    '7B003',
    '7B103',
    '7D101',
    '7E001',
    '7E002',
    '7E101',
    '9A004',
    '9A005',
    '9A007.a',
    '9A104',
    // Part II, Category 0 (nuclear materials, facilities and equipment).
    '0A001',
    '0B001',
    '0B002',
    '0B003',
    '0B004',
    '0B005',
    '0B006',
    '0B007',
    '0B008',
    '0B009',
    '0C001',
    '0C002',
    '0C003',
    '0C004',
    '0C005',
    '0C006',
    '0C201',
    '0D001',
    '0E001',
  ],
};

/** True when a control-list entry is an Annex IV entry or a sub-item of one (`0B001.b` under `0B001`). */
export function isAnnexIvItem(controlListEntry: string, list: AnnexIvList = ANNEX_IV): boolean {
  return list.entries.some((entry) => controlListEntry === entry || controlListEntry.startsWith(`${entry}.`));
}

/**
 * Refuses dual-use goods to a destination that is an EU member state on the decision date,
 * unless every item is an Annex IV item (an intra-Union transfer that needs the authorisation).
 * @throws DomainError DUAL_USE_EXPORT_WITHIN_EU (rule-violation).
 */
export function checkDualUseDestinations(details: CaseDetails, decisionDate: LocalDate): void {
  if (details.goodsCategory !== 'dual-use') return;
  const inEu = details.destinations.filter((d) =>
    countryGroupsOn(d.country, decisionDate).groups.includes('EU'),
  );
  if (inEu.length === 0) return;
  const notInAnnexIv = details.goods
    .filter((g) => !isAnnexIvItem(g.controlListEntry))
    .map((g) => g.controlListEntry);
  if (notInAnnexIv.length === 0) return;
  const countries = inEu.map((d) => d.country);
  throw ruleViolation(
    'DUAL_USE_EXPORT_WITHIN_EU',
    `Dual-use goods to ${countries.join(', ')} (EU member state${countries.length > 1 ? 's' : ''} on ${decisionDate}) are no export under Regulation (EU) 2021/821 art. 2(2); a transfer within the Union needs a licence only for Annex IV items (art. 11(1)), and ${notInAnnexIv.join(', ')} ${notInAnnexIv.length > 1 ? 'are' : 'is'} not in Annex IV`,
    {
      field: 'destinations',
      countries,
      controlListEntries: notInAnnexIv,
      source: ANNEX_IV.source.reference,
    },
  );
}
