import type { LocalDate } from '@licences/licensing-domain';
import { markdownText, renderReportMarkdown } from './report.markdown';
import type { YearlyOverviewReport } from './report.types';

function yearlyOverview(circumstances: string): YearlyOverviewReport {
  const none = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0, '7': 0, '8': 0 };
  return {
    report: 'yearly-overview',
    year: 2024,
    position: 3,
    policyVersion: 'nl-validity@2024-11-25',
    lang: 'en',
    countries: { NO: { nl: 'Noorwegen', en: 'Norway' } },
    valueByCategory: [],
    valueByDestination: [],
    licencesPerMonth: [],
    denialsByCriterion: none,
    denials: 0,
    denialsByGoodsCategory: [],
    revocations: [
      {
        caseId: 'LIC-1',
        revokedOn: '2024-09-12' as LocalDate,
        goodsCategory: 'military',
        destinations: ['NO'],
        circumstances,
        criteria: [7],
      },
    ],
    validityMix: [],
    extensions: 0,
    sondages: { requested: 0, positive: 0, negative: 0 },
    decisionDays: { decisions: 0, median: null, p90: null, max: null },
  };
}

/** The revocations table's one data row, split into its cells at the unescaped pipes. */
function revocationCells(markdown: string): string[] {
  const lines = markdown.split('\n');
  const header = lines.indexOf(
    '| caseId | revokedOn | goodsCategory | destinations | destinationNameNl | destinationNameEn | circumstances | criteria |',
  );
  const row = lines[header + 2] ?? '';
  return row
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((c) => c.trim());
}

describe('Markdown text', () => {
  it('turns HTML into text: no tag, no entity of its own survives', () => {
    expect(markdownText('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(markdownText('<script>alert(1)</script>')).not.toMatch(/[<>]/);
    expect(markdownText('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
  });

  it('escapes what Markdown would read as emphasis, code, links, strike-through or a cell end', () => {
    expect(markdownText('*a* _b_ `c` [d](javascript:x) ~~e~~ f|g h\\i')).toBe(
      '\\*a\\* \\_b\\_ \\`c\\` \\[d\\](javascript:x) \\~\\~e\\~\\~ f\\|g h\\\\i',
    );
  });

  it('puts every line break on one line as a space', () => {
    expect(markdownText('one\ntwo\r\nthree\rfour\u2028five')).toBe('one two three four five');
  });

  it('leaves plain text as it is', () => {
    expect(markdownText('Bundeswehr, Koblenz (DE) 2024-03-10 +1 =2 @3 -4')).toBe(
      'Bundeswehr, Koblenz (DE) 2024-03-10 +1 =2 @3 -4',
    );
  });
});

describe('a Markdown report carrying hostile text', () => {
  const hostile = 'End user <img src=x onerror=alert(1)> | *listed*\nby [us](http://x)';
  const markdown = renderReportMarkdown(yearlyOverview(hostile));

  it('keeps the text in its one cell, with no raw HTML anywhere in the document', () => {
    const cells = revocationCells(markdown);
    expect(cells).toHaveLength(8);
    expect(cells[6]).toBe(markdownText(hostile));
    expect(markdown).not.toMatch(/<[a-z]/i);
  });

  it('leaves the table structure and the numbers as they were', () => {
    expect(markdown).toContain(
      '| caseId | revokedOn | goodsCategory | destinations | destinationNameNl | destinationNameEn | circumstances | criteria |',
    );
    expect(markdown).toContain('| 0 | 0 | 0 | 0 |');
  });
});
