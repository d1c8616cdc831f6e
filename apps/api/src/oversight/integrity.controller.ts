import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { verifyIntegrity } from '@licences/licensing-application';
import type { IntegrityReport } from '@licences/licensing-application';
import { Roles } from '../auth/roles';

/** The integrity of the stored decisions, checked on demand over the whole event store. */
@ApiTags('oversight')
@ApiBearerAuth()
@Controller('api/oversight')
export class IntegrityController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** A tampered store is a finding, not a failed request: it answers 200 with `intact: false`. */
  @Get('integrity')
  @Roles('oversight', 'admin')
  @ApiOperation({
    summary:
      'Recompute the hash chains over every event: intact or the first event changed, removed, inserted or reordered, and the head hash to publish',
  })
  integrity(): Promise<IntegrityReport> {
    return verifyIntegrity(this.store);
  }
}
