import { ISO_3166_ALPHA2, isIsoCountryCode } from './iso-3166-alpha2';

describe('ISO 3166-1 alpha-2 codes', () => {
  it('given the code list, then it holds exactly the 249 officially assigned codes', () => {
    expect(ISO_3166_ALPHA2.size).toBe(249);
  });

  it('given the code list, then every code is two uppercase letters', () => {
    for (const code of ISO_3166_ALPHA2) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  it.each(['NL', 'TR', 'SS', 'BQ', 'AX', 'CW', 'SX', 'GB', 'MK'])(
    'given the assigned code %s, when checked, then it is accepted',
    (code) => {
      expect(isIsoCountryCode(code)).toBe(true);
    },
  );

  it.each(['UK', 'EU', 'EL', 'XK', 'ZZ', 'AN', 'YU'])(
    'given the unassigned or reserved code %s, when checked, then it is rejected',
    (code) => {
      expect(isIsoCountryCode(code)).toBe(false);
    },
  );

  it.each(['nl', 'Nl', ' NL', 'NL ', 'NLD', '', 'N'])(
    'given the non-normalised input "%s", when checked, then it is rejected',
    (code) => {
      expect(isIsoCountryCode(code)).toBe(false);
    },
  );
});
