import { countryHint } from './country-hint';

describe('the country named by a typed code', () => {
  it('names the country in the language chosen, also while typed in small letters', () => {
    expect(countryHint('de', 'nl')).toBe('Duitsland');
    expect(countryHint(' DE ', 'en')).toBe('Germany');
  });

  it('names none for a code being typed or one no country has', () => {
    expect(countryHint('D', 'nl')).toBeUndefined();
    expect(countryHint('XX', 'nl')).toBeUndefined();
  });
});
