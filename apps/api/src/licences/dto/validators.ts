import { ValidateBy } from 'class-validator';
import { isLocalDate } from '@licences/licensing-domain';

/** A real calendar date written YYYY-MM-DD (2023-02-29 is refused). */
export const IsCalendarDate = () =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => isLocalDate(value),
      defaultMessage: (args) => `${args?.property ?? 'value'} must be a calendar date YYYY-MM-DD`,
    },
  });

export const TEXT_MAX = 20_000;
export const NAME_MAX = 300;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with a zone (`2025-01-31T12:00:00Z`), as recorded times are. */
export const IsInstant = () =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)),
      defaultMessage: (args) =>
        `${args?.property ?? 'value'} must be an ISO 8601 instant with a zone, e.g. 2025-01-31T12:00:00Z`,
    },
  });

/** A non-negative whole number as a query string carries it, e.g. a global position. */
export const WHOLE_NUMBER = /^[0-9]{1,9}$/;

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
