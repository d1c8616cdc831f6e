import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import {
  PROJECTION_NAMES,
  ProjectionRebuilder,
  ProjectionRunner,
  READ_MODEL_STORE,
} from '@licences/licensing-read-models';
import type { ProjectionName, ReadModelStore } from '@licences/licensing-read-models';
import type { ProjectionSample, ProjectionSamples } from './licence-metrics';

/**
 * Each projection's checkpoint against the event store's head, for the metrics and for the
 * readiness check on projection lag. Read on demand: a scrape or a probe sees the state now.
 */
@Injectable()
export class ProjectionSamplesService implements ProjectionSamples {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly runner: ProjectionRunner,
    private readonly rebuilder: ProjectionRebuilder,
  ) {}

  async samples(): Promise<readonly ProjectionSample[]> {
    const head = await this.events.headPosition();
    return Promise.all(
      PROJECTION_NAMES.map(async (projection): Promise<ProjectionSample> => {
        const position = await this.readModels.checkpoint(projection);
        return {
          projection,
          position,
          lag: Math.max(0, head - position),
          held: this.held(projection),
          rebuildRatio: this.rebuildRatio(projection),
        };
      }),
    );
  }

  /** Runs here: holds its lease (PostgreSQL fail-over), or runs without leases; not in standby. */
  private held(name: ProjectionName): boolean {
    if (this.runner.held(name) !== undefined) return true;
    const state = this.runner.state(name);
    return state === 'running' || state === 'failing';
  }

  private rebuildRatio(name: ProjectionName): number {
    const latest = this.rebuilder.latest(name);
    if (latest?.state !== 'rebuilding') return 1;
    return latest.fractionDone;
  }
}
