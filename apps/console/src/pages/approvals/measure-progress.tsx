import {
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { MeasureView, StepCount } from '../../api/measure.types';
import { defineMessages, useFormats, useMessages } from '../../i18n/i18n';

const messages = defineMessages({
  nl: {
    heading: 'Voortgang',
    caption: 'Uitvoering van de maatregel per stap',
    step: 'Stap',
    done: 'Gedaan',
    notApplicable: 'Niet van toepassing',
    total: 'Totaal',
    holds: 'Lopende zaken aangehouden',
    reassessments: 'Vergunningen om herbeoordeling gevraagd',
    releases: 'Aanhoudingen vrijgegeven (na opheffen)',
    notApproved: 'De werklijst wordt vastgesteld bij goedkeuring; tot dan raakt de maatregel geen zaken.',
    fixedOn: (on: string) => `Werklijst vastgesteld op ${on}.`,
    executed: 'Alle zaken op de werklijst zijn behandeld.',
    executing: 'De uitvoering loopt nog op de achtergrond; laad de pagina later opnieuw.',
    liftExecuted: 'Alle aanhoudingen van deze maatregel zijn vrijgegeven.',
    liftExecuting: 'Het vrijgeven van de aanhoudingen loopt nog.',
  },
  en: {
    heading: 'Progress',
    caption: 'Execution of the measure by step',
    step: 'Step',
    done: 'Done',
    notApplicable: 'Not applicable',
    total: 'Total',
    holds: 'Pending cases held',
    reassessments: 'Licences put up for reassessment',
    releases: 'Holds released (after lifting)',
    notApproved: 'The work list is fixed on approval; until then the measure touches no case.',
    fixedOn: (on: string) => `Work list fixed on ${on}.`,
    executed: 'Every case on the work list has been handled.',
    executing: 'Execution is still running in the background; reload the page later.',
    liftExecuted: 'Every hold this measure placed has been released.',
    liftExecuting: 'Releasing the holds is still running.',
  },
});

/** How far the background execution got: holds, reassessment requests and releases. */
export function MeasureProgress({ measure }: { measure: MeasureView }) {
  const t = useMessages(messages);
  const formats = useFormats();
  const steps: [string, StepCount][] = [
    [t.holds, measure.progress.holds],
    [t.reassessments, measure.progress.reassessments],
    [t.releases, measure.progress.releases],
  ];
  const decided = measure.status === 'approved' || measure.status === 'lifted';
  return (
    <section className="console-approval-section" aria-labelledby="progress-heading">
      <Heading2 id="progress-heading">{t.heading}</Heading2>
      {!decided && <Paragraph>{t.notApproved}</Paragraph>}
      {measure.worklistFixedOn && <Paragraph>{t.fixedOn(formats.date(measure.worklistFixedOn))}</Paragraph>}
      {decided && <Paragraph>{measure.executed ? t.executed : t.executing}</Paragraph>}
      {measure.status === 'lifted' && (
        <Paragraph>{measure.liftExecuted ? t.liftExecuted : t.liftExecuting}</Paragraph>
      )}
      <Table>
        <TableCaption>{t.caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t.step}</TableHeaderCell>
            <TableHeaderCell scope="col">{t.done}</TableHeaderCell>
            <TableHeaderCell scope="col">{t.notApplicable}</TableHeaderCell>
            <TableHeaderCell scope="col">{t.total}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {steps.map(([label, count]) => (
            <TableRow key={label}>
              <TableHeaderCell scope="row">{label}</TableHeaderCell>
              <TableCell>{formats.number(count.done)}</TableCell>
              <TableCell>{formats.number(count.notApplicable)}</TableCell>
              <TableCell>{formats.number(count.total)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
