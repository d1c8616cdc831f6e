import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../http/uuid-param.pipe';

/** The case addressed by the route; anything but a UUID is a 400 before any handler runs. */
export const CaseId = () => UuidParam('id');

/** What every licence controller declares in OpenAPI: its tag, the bearer token and X-Acting-Role. */
export const LicenceRoutes = () =>
  applyDecorators(
    ApiTags('licences'),
    ApiBearerAuth(),
    ApiHeader({
      name: 'X-Acting-Role',
      required: false,
      description:
        'The one role the request acts in, required when the token holds several that the route allows (400 ACTING_ROLE_REQUIRED otherwise)',
    }),
  );
