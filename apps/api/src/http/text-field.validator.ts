import { ValidateBy } from 'class-validator';
import { textDefect } from '@licences/licensing-domain';
import type { CleanTextOptions } from '@licences/licensing-domain';

/**
 * The one rule for free text a person typed (names, reasons, references, descriptions): a
 * string, not blank once whitespace and zero-width characters are removed, at most `maxLength`
 * long, without control characters (tab and line breaks allowed when `multiline`), bidirectional
 * overrides or isolates, or lone surrogates. Each refusal names the field and what was found.
 */
export const IsCleanText = (options: CleanTextOptions) =>
  ValidateBy({
    name: 'isCleanText',
    constraints: [options],
    validator: {
      validate: (value: unknown) => textDefect(value, options) === undefined,
      defaultMessage: (args) =>
        `${args?.property ?? 'value'} ${textDefect(args?.value, options) ?? 'is not acceptable text'}`,
    },
  });
