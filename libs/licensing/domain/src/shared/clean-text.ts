/** How a free-text field may look: its longest length and whether it may hold several lines. */
export interface CleanTextOptions {
  readonly maxLength: number;
  /** Reasons, findings, justifications: tab and line breaks (LF, CR) allowed. */
  readonly multiline?: boolean;
}

interface Rule {
  readonly pattern: RegExp;
  readonly describe: (found: string) => string;
}

function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

// Overrides and isolates reorder what a reader sees (a name that displays as another).
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
// Marks and separators a long text in Arabic or Hebrew may need, but that no name or reference does.
const MARKS_AND_SEPARATORS = /[\u200E\u200F\u061C\u2028\u2029]/;
// Without the u flag the pattern sees UTF-16 code units, as a lone surrogate is one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// What looks like nothing: whitespace, zero-width space, joiners, word joiner, BOM, soft hyphen.
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF\u180E\u00AD]/g;

const LONE_SURROGATE_RULE: Rule = {
  pattern: LONE_SURROGATE,
  describe: (found) => `must not contain a lone surrogate (${codePoint(found)}): it is no character`,
};
const BIDI_RULE: Rule = {
  pattern: BIDI_CONTROLS,
  describe: (found) =>
    `must not contain bidirectional override or isolate characters (found ${codePoint(found)})`,
};

const SINGLE_LINE_RULES: readonly Rule[] = [
  LONE_SURROGATE_RULE,
  {
    pattern: CONTROL_SINGLE_LINE,
    describe: (found) => `must be one line without control characters (found ${codePoint(found)})`,
  },
  BIDI_RULE,
  {
    pattern: MARKS_AND_SEPARATORS,
    describe: (found) => `must not contain directional marks or line separators (found ${codePoint(found)})`,
  },
];

const MULTILINE_RULES: readonly Rule[] = [
  LONE_SURROGATE_RULE,
  {
    pattern: CONTROL_MULTILINE,
    describe: (found) =>
      `must not contain control characters other than tab and line breaks (found ${codePoint(found)})`,
  },
  BIDI_RULE,
];

/** Why `value` is no acceptable text for a field (to follow the field's name), or undefined if it is. */
export function textDefect(value: unknown, options: CleanTextOptions): string | undefined {
  if (value === undefined || value === null) return 'is required: a text';
  if (typeof value !== 'string') return 'must be a text (a JSON string)';
  // Checked first: no pattern need run over a megabyte that is refused anyway.
  if (value.length > options.maxLength) return `must be at most ${options.maxLength} characters long`;
  for (const rule of options.multiline ? MULTILINE_RULES : SINGLE_LINE_RULES) {
    const found = rule.pattern.exec(value);
    if (found) return rule.describe(found[0]);
  }
  if (value.replace(INVISIBLE, '') === '') {
    return 'must not be empty, nor only whitespace or zero-width characters';
  }
  return undefined;
}
