import { Global, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { LicensingReadModelsModule } from '@licences/licensing-read-models';
import { DEFAULT_MAX_PROJECTION_LAG, DEFAULT_SHUTDOWN_TIMEOUT_MS } from '../config/app-config';
import { GracefulShutdown, SHUTDOWN_TIMEOUT_MS } from '../health/graceful-shutdown.service';
import { LicenceMetrics } from './licence-metrics';
import { MAX_PROJECTION_LAG } from './operability.tokens';
import { ProbeServer } from './probe-server';
import { ProjectionSamplesService } from './projection-samples.service';
import { APPEND_TIMER } from './timed-appends';

export { MAX_PROJECTION_LAG } from './operability.tokens';

export interface OperabilityOptions {
  /** LICENCES_READY_MAX_PROJECTION_LAG; DEFAULT_MAX_PROJECTION_LAG when left out. */
  readonly maxProjectionLag?: number;
  /** LICENCES_SHUTDOWN_TIMEOUT_MS; DEFAULT_SHUTDOWN_TIMEOUT_MS when left out. */
  readonly shutdownTimeoutMs?: number;
}

/**
 * What an operator watches and how the process stops: this process's metrics registry (also
 * timing the event store's appends, see timedAppends), the projections' positions and lag, and
 * the graceful shutdown. Global, so that the infrastructure's event store finds the timer.
 */
@Global()
@Module({})
export class OperabilityModule {
  constructor(metrics: LicenceMetrics, projections: ProjectionSamplesService) {
    metrics.watchProjections(projections);
  }

  static forRoot(options: OperabilityOptions = {}): DynamicModule {
    const metrics = new LicenceMetrics();
    return {
      module: OperabilityModule,
      imports: [LicensingReadModelsModule],
      providers: [
        { provide: LicenceMetrics, useValue: metrics },
        { provide: APPEND_TIMER, useValue: metrics },
        { provide: MAX_PROJECTION_LAG, useValue: options.maxProjectionLag ?? DEFAULT_MAX_PROJECTION_LAG },
        { provide: SHUTDOWN_TIMEOUT_MS, useValue: options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS },
        ProjectionSamplesService,
        GracefulShutdown,
        ProbeServer,
      ],
      exports: [
        LicenceMetrics,
        APPEND_TIMER,
        MAX_PROJECTION_LAG,
        ProjectionSamplesService,
        GracefulShutdown,
        ProbeServer,
      ],
    };
  }
}
