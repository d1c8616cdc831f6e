import type { ReadModelStore } from '@licences/licensing-read-models';
import { buildReportFromStore } from './build-report-from-store';
import { parseReportPeriod, ReportPeriodError } from './report-period';

describe('buildReportFromStore', () => {
  it.each([['eu-annual'], ['yearly-overview']] as const)(
    '%s: refuses a period that is not one calendar year before the store counts anything',
    async (name) => {
      const counted = jest.fn();
      const store = {
        militaryDecisionTotals: counted,
        yearlyOverviewTotals: counted,
      } as unknown as ReadModelStore;
      const context = { position: 10, policyVersion: '2024-07-01', lang: 'en' } as const;
      for (const period of [
        parseReportPeriod({ quarter: '2025-Q2' }),
        parseReportPeriod({ from: '2020-01-01', to: '2025-12-31' }),
      ]) {
        await expect(buildReportFromStore(store, name, period, context)).rejects.toThrow(ReportPeriodError);
      }
      expect(counted).not.toHaveBeenCalled();
    },
  );
});
