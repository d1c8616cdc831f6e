import type { LicenceView } from '../../api/licence.types';
import { APPLIED } from '../cases/case-page.test-kit';
import { applicationBody, draftFromView } from './case-draft';

/** What `applicationBody` sends of a view: its details as CaseDetailsDto names them. */
function detailsOf(view: LicenceView) {
  return {
    applicant: view.applicant,
    kind: view.kind,
    afterSales: view.afterSales,
    goodsCategory: view.goodsCategory,
    goods: view.goods,
    destinations: view.destinations,
    exportType: view.exportType,
    ...(view.temporaryPurpose && { temporaryPurpose: view.temporaryPurpose }),
    firearmsAct: view.firearmsAct,
    ...(view.contract && { contract: view.contract }),
  };
}

describe('a case filled into the form and sent again', () => {
  it('sends back exactly the details of the case, the contract term and decimal values included', () => {
    const view: LicenceView = {
      ...APPLIED,
      procedure: 'sondage',
      status: 'sondage-answered',
      kind: 'global',
      goodsCategory: 'dual-use',
      goods: [
        { controlListEntry: '5A002.a', description: 'Crypto module', quantity: 40, valueEur: 12500.5 },
        { controlListEntry: '5A002.b', description: 'Spare parts', quantity: 1, valueEur: 0 },
      ],
      destinations: [
        { country: 'NO', endUser: 'Forsvaret' },
        { country: 'CH', endUser: 'armasuisse' },
      ],
      exportType: 'temporary',
      temporaryPurpose: 'repair',
      firearmsAct: true,
      afterSales: true,
      contract: { termMonths: 60 },
    };
    expect(applicationBody(draftFromView(view))).toEqual(detailsOf(view));
  });

  it('sends no contract and no temporary purpose when the case states none', () => {
    const body = applicationBody(draftFromView(APPLIED));
    expect(body).toEqual(detailsOf(APPLIED));
    expect(body).not.toHaveProperty('contract');
    expect(body).not.toHaveProperty('procedure');
  });
});
