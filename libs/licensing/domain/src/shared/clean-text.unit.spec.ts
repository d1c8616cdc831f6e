import { textDefect } from './clean-text';

const name = { maxLength: 30 };
const reason = { maxLength: 200, multiline: true };

describe('the clean-text rule for free-text fields', () => {
  it('accepts ordinary names and texts in any script', () => {
    for (const value of ['Thales Nederland B.V.', 'Zoë Ørsted', 'שלום', 'مرحبا', '東京 😀', 'a']) {
      expect(textDefect(value, name)).toBeUndefined();
    }
  });

  it('allows tab and line breaks in long texts only', () => {
    const text = 'One\r\n\tTwo\nThree';
    expect(textDefect(text, reason)).toBeUndefined();
    expect(textDefect(text, name)).toMatch(/one line without control characters \(found U\+000D\)/);
    expect(textDefect('a\tb', name)).toMatch(/found U\+0009/);
  });

  it('refuses control characters, naming the one found', () => {
    expect(textDefect('A\u0000B', reason)).toMatch(/control characters .*found U\+0000/);
    expect(textDefect('A\u001bB', reason)).toMatch(/U\+001B/);
    expect(textDefect('A\u007fB', name)).toMatch(/U\+007F/);
    expect(textDefect('A\u0085B', reason)).toMatch(/U\+0085/);
  });

  it('refuses bidirectional overrides and isolates everywhere, marks and separators in names', () => {
    for (const character of '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069') {
      expect(textDefect(`Evil${character}gnp.exe`, reason)).toMatch(/bidirectional/);
    }
    for (const character of ['\u200E', '\u200F', '\u061C', '\u2028', '\u2029']) {
      expect(textDefect(`a${character}b`, name)).toMatch(/directional marks or line separators/);
      expect(textDefect(`a${character}b`, reason)).toBeUndefined();
    }
  });

  it('refuses lone surrogates but not the pairs that make a character', () => {
    expect(textDefect('X\uD800', name)).toMatch(/lone surrogate \(U\+D800\)/);
    expect(textDefect('\uDC00X', name)).toMatch(/lone surrogate \(U\+DC00\)/);
    expect(textDefect('\uD83D\uDE00', name)).toBeUndefined();
  });

  it('refuses what is empty once whitespace and zero-width characters are gone', () => {
    for (const value of ['', '   ', '\u200B', '\u200C\u200D', '\u2060\uFEFF', ' \u00AD ', '\u3000']) {
      expect(textDefect(value, name)).toMatch(/must not be empty/);
    }
  });

  it('refuses what is no string, is missing, or is too long', () => {
    expect(textDefect(undefined, name)).toBe('is required: a text');
    expect(textDefect(42, name)).toMatch(/must be a text/);
    expect(textDefect(['a'], name)).toMatch(/must be a text/);
    expect(textDefect('x'.repeat(31), name)).toBe('must be at most 30 characters long');
    expect(textDefect('x'.repeat(30), name)).toBeUndefined();
  });
});
