import { ValidateBy } from 'class-validator';
import type { ValidationArguments } from 'class-validator';
import { IsCleanText } from '../../http/text-field.validator';

export { IsCalendarDate, IsInstant } from '../../http/calendar-value.validator';

/** Longest free texts: reasons, findings, justifications (several lines allowed). */
export const TEXT_MAX = 20_000;
/** Longest names and references: one line. */
export const NAME_MAX = 300;

/** A name, title or reference: one line of clean text. */
export const IsNameText = () => IsCleanText({ maxLength: NAME_MAX });
/** A reason, finding, justification or description: clean text, tab and line breaks allowed. */
export const IsLongText = () => IsCleanText({ maxLength: TEXT_MAX, multiline: true });

/** A non-negative whole number as a query string carries it, e.g. a global position. */
export const WHOLE_NUMBER = /^[0-9]{1,9}$/;
/** An ISO 3166-1 alpha-2 country code in capitals (whether it exists is the domain's to say). */
export const COUNTRY_CODE = /^[A-Z]{2}$/;
/** ML1..ML22 (military) or a dual-use entry such as 5A002, with optional sub-items (ML10.a). */
export const CONTROL_LIST_ENTRY = /^(?:ML(?:[1-9]|1[0-9]|2[0-2])|[0-9][A-E][0-9]{3})(?:\.[a-z0-9]+)*$/;
/** A page number from 1, and a page size from 1 to 500, as a query string carries them. */
export const PAGE = /^[1-9][0-9]{0,8}$/;
export const PAGE_SIZE = /^([1-9][0-9]?|[1-4][0-9]{2}|500)$/;

export const MIN_POSITION_DESCRIPTION =
  'Wait (up to 5 s) until the read models include this global position (the `position` a command ' +
  'answered with): 503 READ_MODEL_NOT_CAUGHT_UP with Retry-After if they do not, 422 ' +
  'MIN_POSITION_BEYOND_HEAD if the event store never reached it. Every read names the position its ' +
  'read models had reached in X-Read-Model-Position.';

function itemCount(min: number, max: number): string {
  if (min === 0) return `at most ${max} items`;
  return min === max ? `${min} items` : `${min} to ${max} items`;
}

/**
 * An array of `min` to `max` items. One validator with one message for whatever is wrong with the
 * list itself: separate IsArray/ArrayMinSize/ArrayMaxSize checks would all fire on a missing list
 * and tell the client it holds too many items.
 */
export const IsList = (min: number, max: number) =>
  ValidateBy({
    name: 'isList',
    constraints: [min, max],
    validator: {
      validate: (value: unknown) => Array.isArray(value) && value.length >= min && value.length <= max,
      defaultMessage: (args) => {
        const property = args?.property ?? 'value';
        const value: unknown = args?.value;
        if (value === undefined || value === null) {
          return `${property} is required: an array of ${itemCount(min, max)}`;
        }
        if (!Array.isArray(value)) return `${property} must be an array of ${itemCount(min, max)}`;
        return value.length < min
          ? `${property} must contain at least ${min} ${min === 1 ? 'item' : 'items'}`
          : `${property} must contain no more than ${max} items`;
      },
    },
  });

/** Every item a whole number from `min` to `max`; a value that is no list is IsList's to report. */
export const EachWholeNumber = (min: number, max: number) =>
  ValidateBy({
    name: 'eachWholeNumber',
    constraints: [min, max],
    validator: {
      validate: (value: unknown) =>
        !Array.isArray(value) ||
        value.every((item) => Number.isInteger(item) && (item as number) >= min && (item as number) <= max),
      defaultMessage: (args) =>
        `each item of ${args?.property ?? 'value'} must be a whole number from ${min} to ${max}`,
    },
  });

/**
 * Every item an object, as ValidateNested needs to check its fields: ValidateNested alone lets an
 * array through as an item. A value that is no list is IsList's to report.
 */
export const EachObject = () =>
  ValidateBy({
    name: 'eachObject',
    validator: {
      validate: (value: unknown) =>
        !Array.isArray(value) ||
        value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item)),
      defaultMessage: (args) => `each item of ${args?.property ?? 'value'} must be an object`,
    },
  });

/**
 * Refuses the field when `other` is given too: two ways of saying one thing (the legacy
 * `destination` and `destinations`) must not disagree in a request.
 */
export const NotWith = (other: string) =>
  ValidateBy({
    name: 'notWith',
    constraints: [other],
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) =>
        (args?.object as Record<string, unknown> | undefined)?.[other] === undefined,
      defaultMessage: (args) =>
        `give ${other} or ${args?.property ?? 'this field'}, not both (${args?.property ?? 'it'} is its legacy one-item form)`,
    },
  });
