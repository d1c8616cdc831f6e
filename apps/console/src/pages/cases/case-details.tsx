import {
  DataList,
  Heading2,
  Heading3,
  StatusBadge,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { LicenceView } from '../../api/licence.types';
import { useFormats, useLanguage, useMessages } from '../../i18n/i18n';
import {
  categoryMessages,
  eventMessages,
  eventName,
  exportTypeMessages,
  kindMessages,
  procedureMessages,
  purposeMessages,
  statusMessages,
} from '../../vocabulary/case.vocabulary';
import { countryName } from '../../vocabulary/country.vocabulary';
import { detailsMessages } from './case-details.messages';
import { CaseProceedings } from './case-proceedings';
import { DataItem } from '../../components/timeline/data-item';

/** The status in words; the badge's colour only repeats what the text says. */
export function CaseStatus({ view }: { view: Pick<LicenceView, 'status'> }) {
  const statuses = useMessages(statusMessages);
  return (
    <StatusBadge status={view.status} data-testid="case-status">
      {statuses[view.status]}
    </StatusBadge>
  );
}

export function CaseDetails({ view }: { view: LicenceView }) {
  const t = useMessages(detailsMessages);
  const { language } = useLanguage();
  const kinds = useMessages(kindMessages);
  const categories = useMessages(categoryMessages);
  const exportTypes = useMessages(exportTypeMessages);
  const purposes = useMessages(purposeMessages);
  const procedures = useMessages(procedureMessages);
  const events = useMessages(eventMessages);
  const { date, number, euro } = useFormats();
  const yesNo = (value: boolean) => (value ? t.yes : t.no);
  return (
    <section aria-labelledby="details-heading">
      <Heading2 id="details-heading">{t.details}</Heading2>
      <DataList>
        <DataItem label={t.caseNumber}>
          <code>{view.id}</code>
        </DataItem>
        <DataItem label={t.status}>
          <CaseStatus view={view} />
        </DataItem>
        <DataItem label={t.validOn(date(view.evaluatedOn))}>
          <strong>{view.valid ? t.validYes : t.validNo}</strong>
        </DataItem>
        <DataItem label={t.validity}>
          {view.validFrom && view.validUntil
            ? t.validRange(date(view.validFrom), date(view.validUntil))
            : t.notIssued}
        </DataItem>
        {view.ruleId && (
          <DataItem label={t.rule}>
            <code>{view.ruleId}</code>
            {view.policyVersion && ` (${view.policyVersion})`}
          </DataItem>
        )}
        <DataItem label={t.extensions}>{number(view.extensions)}</DataItem>
        <DataItem label={t.lastDecision}>
          {eventName(events, view.lastDecision.type)}, {date(view.lastDecision.decisionDate)}
        </DataItem>
        <DataItem label={t.revision}>{view.revision}</DataItem>
        <DataItem label={t.procedure}>{procedures[view.procedure]}</DataItem>
        <DataItem label={t.applicant}>
          {view.applicant.name} ({t.kvk(view.applicant.chamberOfCommerceNumber)})
        </DataItem>
        <DataItem label={t.kind}>{kinds[view.kind]}</DataItem>
        <DataItem label={t.afterSales}>{yesNo(view.afterSales)}</DataItem>
        <DataItem label={t.goodsCategory}>{categories[view.goodsCategory]}</DataItem>
        <DataItem label={t.exportType}>
          {exportTypes[view.exportType]}
          {view.temporaryPurpose &&
            ` (${t.purpose}: ${(purposes as Readonly<Record<string, string>>)[view.temporaryPurpose] ?? view.temporaryPurpose})`}
        </DataItem>
        <DataItem label={t.firearmsAct}>{yesNo(view.firearmsAct)}</DataItem>
      </DataList>
      <Heading3 id="goods-heading">{t.goods}</Heading3>
      <div className="console-table-wrap">
        <Table aria-labelledby="goods-heading">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t.entry}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.description}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.quantity}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.value}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {view.goods.map((g, index) => (
              <TableRow key={index}>
                <TableCell>
                  <code>{g.controlListEntry}</code>
                </TableCell>
                <TableCell>{g.description}</TableCell>
                <TableCell>{number(g.quantity)}</TableCell>
                <TableCell>{euro(g.valueEur)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <Heading3 id="destinations-heading">{t.destinations}</Heading3>
      <div className="console-table-wrap">
        <Table aria-labelledby="destinations-heading">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t.country}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.endUser}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {view.destinations.map((d, index) => (
              <TableRow key={index}>
                <TableCell>
                  {countryName(d.country, language)} ({d.country})
                </TableCell>
                <TableCell>{d.endUser}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <CaseProceedings view={view} />
    </section>
  );
}
