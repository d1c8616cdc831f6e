import { Controller, Get, Inject } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { Public } from '../auth/roles';
import { MAX_PROJECTION_LAG } from '../metrics/operability.tokens';
import { ProjectionSamplesService } from '../metrics/projection-samples.service';
import { projectionLagCheck } from './projection-lag.check';
import { NotReadyError, READINESS_CHECKS, runChecks } from './readiness.checks';
import type { CheckOutcome, ReadinessCheck } from './readiness.checks';

@ApiTags('health')
@Controller('health')
export class HealthController implements OnApplicationShutdown {
  private readonly readiness: readonly ReadinessCheck[];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[],
    projections: ProjectionSamplesService,
    @Inject(MAX_PROJECTION_LAG) maxProjectionLag: number,
  ) {
    this.readiness = [...checks, projectionLagCheck(projections, maxProjectionLag)];
  }

  /** Up when the event store answers (kept as it was for existing probes). */
  @Get()
  @Public()
  async health(): Promise<{ status: 'ok'; eventStore: { headPosition: number } }> {
    return { status: 'ok', eventStore: { headPosition: await this.store.headPosition() } };
  }

  /** Liveness: the process answers. Touches no store, so a full disk never gets it restarted. */
  @Get('live')
  @Public()
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  /**
   * Readiness: every store the commands need takes a write now, and no projection is more than
   * LICENCES_READY_MAX_PROJECTION_LAG events behind. 503 NOT_READY names the checks that fail,
   * each with its code (STORAGE_FULL, STORAGE_READ_ONLY, PROJECTION_LAG...). During a shutdown
   * the graceful-shutdown gate answers 503 SHUTTING_DOWN before this runs.
   */
  @Get('ready')
  @Public()
  async ready(): Promise<{ status: 'ready'; checks: CheckOutcome[] }> {
    const outcomes = await runChecks(this.readiness);
    if (outcomes.some((outcome) => outcome.status === 'failing')) throw new NotReadyError(outcomes);
    return { status: 'ready', checks: outcomes };
  }

  onApplicationShutdown(): void {
    for (const check of this.checks) check.close?.();
  }
}
