import { Param, ParseUUIDPipe } from '@nestjs/common';
import { RequestValidationError } from './request-validation';

/** A path parameter that must be a UUID; anything else is a 400 naming it, before any handler runs. */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new RequestValidationError([
          { field: name, messages: [`${name} must be a UUID, e.g. 3f2504e0-4f89-41d3-9a0c-0305e82c3301`] },
        ]),
    }),
  );
