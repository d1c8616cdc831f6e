import type { CaseDetails } from '@licences/licensing-domain';
import type { CaseDetailsDto } from './dto/case.dto';

/**
 * The domain's case details from a request. The legacy single `destination` becomes a list of
 * one; an absent export type is definitive and an absent firearms-act flag false, which is what
 * a client written before those fields existed meant.
 */
export function caseDetailsOf(dto: CaseDetailsDto): CaseDetails {
  const destinations = dto.destinations ?? (dto.destination ? [dto.destination] : []);
  return {
    applicant: { name: dto.applicant.name, chamberOfCommerceNumber: dto.applicant.chamberOfCommerceNumber },
    kind: dto.kind,
    afterSales: dto.afterSales,
    goodsCategory: dto.goodsCategory,
    goods: dto.goods.map(({ controlListEntry, description, quantity, valueEur }) => ({
      controlListEntry,
      description,
      quantity,
      valueEur,
    })),
    exportType: dto.exportType ?? 'definitive',
    ...(dto.temporaryPurpose !== undefined && { temporaryPurpose: dto.temporaryPurpose }),
    firearmsAct: dto.firearmsAct ?? false,
    destinations: destinations.map(({ country, endUser }) => ({ country, endUser })),
    ...(dto.contract && { contract: { termMonths: dto.contract.termMonths } }),
  };
}
