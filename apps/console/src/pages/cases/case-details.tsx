import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
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
import type { ReactNode } from 'react';
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

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataListItem>
      <DataListKey>{label}</DataListKey>
      <DataListValue>{children}</DataListValue>
    </DataListItem>
  );
}

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
        <Item label={t.caseNumber}>
          <code>{view.id}</code>
        </Item>
        <Item label={t.status}>
          <CaseStatus view={view} />
        </Item>
        <Item label={t.validOn(date(view.evaluatedOn))}>
          <strong>{view.valid ? t.validYes : t.validNo}</strong>
        </Item>
        <Item label={t.validity}>
          {view.validFrom && view.validUntil
            ? t.validRange(date(view.validFrom), date(view.validUntil))
            : t.notIssued}
        </Item>
        {view.ruleId && (
          <Item label={t.rule}>
            <code>{view.ruleId}</code>
            {view.policyVersion && ` (${view.policyVersion})`}
          </Item>
        )}
        <Item label={t.extensions}>{number(view.extensions)}</Item>
        <Item label={t.lastDecision}>
          {eventName(events, view.lastDecision.type)}, {date(view.lastDecision.decisionDate)}
        </Item>
        <Item label={t.revision}>{view.revision}</Item>
        <Item label={t.procedure}>{procedures[view.procedure]}</Item>
        <Item label={t.applicant}>
          {view.applicant.name} ({t.kvk(view.applicant.chamberOfCommerceNumber)})
        </Item>
        <Item label={t.kind}>{kinds[view.kind]}</Item>
        <Item label={t.afterSales}>{yesNo(view.afterSales)}</Item>
        <Item label={t.goodsCategory}>{categories[view.goodsCategory]}</Item>
        <Item label={t.exportType}>
          {exportTypes[view.exportType]}
          {view.temporaryPurpose &&
            ` (${t.purpose}: ${(purposes as Readonly<Record<string, string>>)[view.temporaryPurpose] ?? view.temporaryPurpose})`}
        </Item>
        <Item label={t.firearmsAct}>{yesNo(view.firearmsAct)}</Item>
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
