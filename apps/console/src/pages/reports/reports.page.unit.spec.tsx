import { fireEvent, screen, waitFor } from '@testing-library/react';
import { fakeApi, renderOversightAt } from '../oversight/oversight-test-kit';

describe('the reports page', () => {
  let clicked: { download: string; href: string }[];
  let opened: string[];

  beforeEach(() => {
    clicked = [];
    opened = [];
    // jsdom has no object URLs, no downloads and no windows: each is recorded instead.
    URL.createObjectURL = jest.fn(() => `blob:report-${clicked.length + opened.length}`);
    URL.revokeObjectURL = jest.fn();
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
    globalThis.open = jest.fn((url?: string | URL) => {
      opened.push(String(url));
      return null;
    });
  });

  afterEach(() => jest.restoreAllMocks());

  it('asks for the report, quarter, language and format chosen and downloads a CSV under a name of its own', async () => {
    const { sent } = fakeApi({ 'GET /api/statistics/issued': [200, 'report,period'] });
    const router = renderOversightAt('/reports');

    fireEvent.change(screen.getByLabelText('Rapport'), { target: { value: 'issued' } });
    fireEvent.change(screen.getByLabelText('Soort periode'), { target: { value: 'quarter' } });
    fireEvent.change(await screen.findByLabelText('Kwartaal'), { target: { value: '2025-Q2' } });
    fireEvent.change(screen.getByLabelText('Taal van het rapport'), { target: { value: 'en' } });
    fireEvent.change(screen.getByLabelText('Formaat'), { target: { value: 'csv' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rapport downloaden' }));

    expect(await screen.findByText('Het rapport is gedownload als issued-2025-Q2-en.csv.')).toBeTruthy();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('/api/statistics/issued?quarter=2025-Q2&format=csv&lang=en');
    expect(clicked).toEqual([{ download: 'issued-2025-Q2-en.csv', href: 'blob:report-0' }]);
    expect(opened).toEqual([]);
    // The choice stays in the URL, so a reload keeps the form as it was.
    expect(router.state.location.search).toBe('?report=issued&period=quarter&quarter=2025-Q2&format=csv&lang=en');
  });

  it('opens an HTML report from a blob URL in a new window instead of downloading it', async () => {
    const { sent } = fakeApi({ 'GET /api/statistics/eu-annual': [200, '<h1>report</h1>'] });
    renderOversightAt('/reports?report=eu-annual&year=2024&format=html&lang=nl');
    fireEvent.click(screen.getByRole('button', { name: 'Rapport openen' }));

    await waitFor(() => expect(opened).toEqual(['blob:report-0']));
    expect(sent[0]!.url).toBe('/api/statistics/eu-annual?year=2024&format=html&lang=nl');
    expect(clicked).toEqual([]);
    expect(screen.getByRole('link', { name: 'Open het rapport (nieuw venster)' }).getAttribute('href')).toBe(
      'blob:report-0',
    );
  });

  it('puts the API’s refusal of the period on the period field', async () => {
    fakeApi({
      'GET /api/statistics/large-licences': [
        400,
        {
          status: 400,
          code: 'VALIDATION_FAILED',
          title: 'Invalid request',
          detail: 'Invalid request: month',
          errors: [{ field: 'month', messages: ['month must be a month YYYY-MM, the year from 1900 to 2999'] }],
        },
      ],
    });
    renderOversightAt('/reports?report=large-licences&period=month&month=2025-13&format=json');
    fireEvent.click(screen.getByRole('button', { name: 'Rapport downloaden' }));

    const message = await screen.findByText('month must be a month YYYY-MM, the year from 1900 to 2999');
    const month = screen.getByLabelText('Maand');
    expect(month.getAttribute('aria-describedby')).toContain(message.id);
    expect(month.getAttribute('aria-invalid')).toBe('true');
    expect(clicked).toEqual([]);
  });
});
