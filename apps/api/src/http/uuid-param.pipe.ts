import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { allOf, documentingMethod } from './openapi-param';
import { RequestValidationError } from './request-validation';

/** A path parameter that must be a UUID; anything else is a 400 naming it, before any handler runs. */
export const UuidParam = (name: string): ParameterDecorator =>
  allOf(
    Param(
      name,
      new ParseUUIDPipe({
        exceptionFactory: () =>
          new RequestValidationError([
            { field: name, messages: [`${name} must be a UUID, e.g. 3f2504e0-4f89-41d3-9a0c-0305e82c3301`] },
          ]),
      }),
    ),
    documentingMethod(ApiParam({ name, format: 'uuid', example: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' })),
  );
