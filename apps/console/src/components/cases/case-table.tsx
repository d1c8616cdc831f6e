import {
  StatusBadge,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { LicenceView } from '../../api/licence.types';
import { defineMessages, useLanguage, useMessages } from '../../i18n/i18n';
import type { LicenceStatus } from '../../vocabulary/case.vocabulary';
import {
  categoryMessages,
  kindMessages,
  procedureMessages,
  statusMessages,
} from '../../vocabulary/case.vocabulary';
import { countryName } from '../../vocabulary/country.vocabulary';
import { AppLink } from '../app-link';
import './case-table.css';

/** A case as a list shows it. */
export type CaseRow = LicenceView;

/** An extra column a list adds (since when a case waits, when it expires). */
export interface CaseColumn {
  readonly header: string;
  readonly cell: (row: CaseRow) => string;
}

const messages = defineMessages({
  nl: {
    case: 'Zaak',
    caseLink: (procedure: string, id: string) => `${procedure} ${id}`,
    applicant: 'Aanvrager',
    destinations: 'Bestemmingen',
    kind: 'Soort',
    status: 'Status',
    onHold: 'Aangehouden',
  },
  en: {
    case: 'Case',
    caseLink: (procedure: string, id: string) => `${procedure} ${id}`,
    applicant: 'Applicant',
    destinations: 'Destinations',
    kind: 'Kind',
    status: 'Status',
    onHold: 'On hold',
  },
});

const BADGE: Record<LicenceStatus, string> = {
  'sondage-requested': 'neutral',
  'sondage-answered': 'neutral',
  applied: 'neutral',
  issued: 'success',
  denied: 'danger',
  withdrawn: 'inactive',
  revoked: 'danger',
  expired: 'inactive',
  suspended: 'warning',
};

/** The first part of a case id: enough to tell cases apart in a list, the link carries the rest. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** A table's name: its own caption, or the heading right above it (not said twice). */
export type TableName = { readonly caption: string } | { readonly labelledBy: string };

/**
 * Cases as a table: each links to its case page; status and hold are words (a badge's colour
 * only repeats them).
 */
export function CaseTable({
  name,
  rows,
  extra = [],
}: {
  name: TableName;
  rows: readonly CaseRow[];
  extra?: readonly CaseColumn[];
}) {
  const t = useMessages(messages);
  const statuses = useMessages(statusMessages);
  const kinds = useMessages(kindMessages);
  const categories = useMessages(categoryMessages);
  const procedures = useMessages(procedureMessages);
  const { language } = useLanguage();
  return (
    <Table {...('labelledBy' in name && { 'aria-labelledby': name.labelledBy })}>
      {'caption' in name && <TableCaption>{name.caption}</TableCaption>}
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t.case}</TableHeaderCell>
          <TableHeaderCell scope="col">{t.applicant}</TableHeaderCell>
          <TableHeaderCell scope="col">{t.destinations}</TableHeaderCell>
          <TableHeaderCell scope="col">{t.kind}</TableHeaderCell>
          <TableHeaderCell scope="col">{t.status}</TableHeaderCell>
          {extra.map((column) => (
            <TableHeaderCell key={column.header} scope="col">
              {column.header}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell>
              <AppLink to={`/cases/${row.id}`}>
                {t.caseLink(procedures[row.procedure], shortId(row.id))}
              </AppLink>
            </TableCell>
            <TableCell>{row.applicant.name}</TableCell>
            <TableCell>{row.destinations.map((d) => countryName(d.country, language)).join(', ')}</TableCell>
            <TableCell>
              {kinds[row.kind]}, {categories[row.goodsCategory].toLowerCase()}
            </TableCell>
            <TableCell>
              <span className="console-case-status">
                <StatusBadge status={BADGE[row.status]}>{statuses[row.status]}</StatusBadge>
                {row.onHold && <StatusBadge status="warning">{t.onHold}</StatusBadge>}
              </span>
            </TableCell>
            {extra.map((column) => (
              <TableCell key={column.header}>{column.cell(row)}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
