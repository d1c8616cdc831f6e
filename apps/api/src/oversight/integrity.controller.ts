import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { AccessLogUnavailableError, verifyIntegrity } from '@licences/licensing-application';
import type { AccessLogReport, IntegrityReport } from '@licences/licensing-application';
import { AccessAudit } from '../audit/access-audit.service';
import { Roles } from '../auth/roles';

/** The events' report, with the access log's own chain beside it. */
export type IntegrityAnswer = IntegrityReport & {
  readonly accessLog: AccessLogReport | { readonly intact: false; readonly summary: string };
};

/** The integrity of the stored decisions and of the access log, checked on demand over the whole of both. */
@ApiTags('oversight')
@ApiBearerAuth()
@Controller('api/oversight')
export class IntegrityController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly audit: AccessAudit,
  ) {}

  /**
   * A tampered store is a finding, not a failed request: it answers 200 with `intact: false` (for
   * the events) or `accessLog.intact: false`.
   */
  @Get('integrity')
  @Roles('oversight', 'admin')
  @ApiOperation({
    summary:
      'Recompute the hash chains over every event and over the access log: intact or the first event (record) changed, removed, inserted or reordered, and the head hash to publish',
  })
  async integrity(): Promise<IntegrityAnswer> {
    const events = await verifyIntegrity(this.store);
    return { ...events, accessLog: await this.accessLogReport() };
  }

  private async accessLogReport(): Promise<IntegrityAnswer['accessLog']> {
    try {
      return await this.audit.verify();
    } catch (error) {
      if (!(error instanceof AccessLogUnavailableError)) throw error;
      return { intact: false, summary: `Unavailable: ${error.message}.` };
    }
  }
}
