import { DataList, DataListItem, DataListKey, DataListValue } from '@utrecht/component-library-react';
import type { WhatIfTotals } from '../../api/oversight.types';
import { defineMessages, useFormats, useMessages } from '../../i18n/i18n';

const messages = defineMessages({
  nl: {
    licences: 'Vergunningen verleend in de periode',
    notCovered: 'Niet onder de variant (houden de nationale regel)',
    covered: 'Onder de variant',
    longer: 'Langer geldig onder de variant',
    shorter: 'Korter geldig onder de variant',
    unchanged: 'Even lang geldig',
    differenceDays: 'Verschil in geldigheid, opgeteld (dagen)',
    extensions: 'Verlengingen',
    extensionsNotNeeded: 'Verlengingen die onder de variant niet nodig waren',
    revoked: 'Ingetrokken vergunningen',
    actualDaysAfterRevocation: 'Dagen geldigheid na intrekking (besloten)',
    whatIfDaysAfterRevocation: 'Dagen geldigheid na intrekking (variant)',
  },
  en: {
    licences: 'Licences issued in the period',
    notCovered: 'Not covered by the variant (keep the national rule)',
    covered: 'Covered by the variant',
    longer: 'Valid longer under the variant',
    shorter: 'Valid shorter under the variant',
    unchanged: 'Valid as long',
    differenceDays: 'Difference in validity, summed (days)',
    extensions: 'Extensions',
    extensionsNotNeeded: 'Extensions not needed under the variant',
    revoked: 'Licences revoked',
    actualDaysAfterRevocation: 'Days of validity after revocation (decided)',
    whatIfDaysAfterRevocation: 'Days of validity after revocation (variant)',
  },
});

/** The what-if in totals, as the API counted them. */
export function WhatIfTotalsList({ totals }: { totals: WhatIfTotals }) {
  const t = useMessages(messages);
  const { number } = useFormats();
  const rows: [string, number][] = [
    [t.licences, totals.licences],
    [t.covered, totals.licences - totals.notCoveredByVariant],
    [t.notCovered, totals.notCoveredByVariant],
    [t.longer, totals.longer],
    [t.shorter, totals.shorter],
    [t.unchanged, totals.unchanged],
    [t.differenceDays, totals.differenceDays],
    [t.extensions, totals.extensions],
    [t.extensionsNotNeeded, totals.extensionsNotNeeded],
    [t.revoked, totals.revoked],
    [t.actualDaysAfterRevocation, totals.actualDaysAfterRevocation],
    [t.whatIfDaysAfterRevocation, totals.whatIfDaysAfterRevocation],
  ];
  return (
    <DataList data-testid="what-if-totals">
      {rows.map(([name, value]) => (
        <DataListItem key={name}>
          <DataListKey>{name}</DataListKey>
          <DataListValue>{number(value)}</DataListValue>
        </DataListItem>
      ))}
    </DataList>
  );
}
