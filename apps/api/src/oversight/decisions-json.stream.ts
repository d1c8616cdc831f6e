import type { OversightFinding } from '@licences/licensing-domain';
import { addToTotals, NO_TOTALS } from '@licences/licensing-read-models';
import type { DecisionsStream, PeriodChunk } from '@licences/licensing-read-models';

/**
 * The JSON text of a whole period's answer, written as its decisions are read: byte for byte what
 * JSON.stringify gives for the DecisionsInPeriodView, so that clients see the same answer. Only the
 * findings, which come after every decision and are few beside them, are held until the end.
 */
export async function* decisionsJson(
  stream: Pick<DecisionsStream, 'from' | 'to'>,
  chunks: AsyncIterable<PeriodChunk>,
): AsyncGenerator<string> {
  const { from, to } = stream;
  yield `{"from":${JSON.stringify(from)},"to":${JSON.stringify(to)},"decisions":[`;
  const findings: OversightFinding[] = [];
  let totals = NO_TOTALS;
  let separator = '';
  for await (const chunk of chunks) {
    if (chunk.decisions.length > 0) {
      yield separator + chunk.decisions.map((decision) => JSON.stringify(decision)).join(',');
      separator = ',';
    }
    findings.push(...chunk.findings);
    totals = addToTotals(totals, chunk);
  }
  yield `],"findings":${JSON.stringify(findings)},"totals":${JSON.stringify(totals)}}`;
}
