import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { PROJECTION_NAMES, READ_MODEL_STORE } from '../read-model-store.port';
import type { ProjectionName, ReadModelStore } from '../read-model-store.port';
import { ProjectionRebuilder } from '../running/projection-rebuilder.service';
import type { RebuildProgress } from '../running/projection-rebuilder.service';
import { ProjectionRunner } from '../running/projection-runner.service';
import type { ProjectionState } from '../running/projection-runner.service';

export class GetProjectionsQuery implements IQuery {}

export interface ProjectionStatus {
  readonly name: ProjectionName;
  readonly checkpoint: number;
  readonly headPosition: number;
  /** Events stored but not yet applied (in global positions). */
  readonly lag: number;
  /** `stopped` here may mean the projection runs in a separate projector process. */
  readonly state: ProjectionState | 'rebuilding';
  readonly rebuild?: RebuildProgress;
}

@QueryHandler(GetProjectionsQuery)
export class GetProjectionsHandler implements IQueryHandler<GetProjectionsQuery, ProjectionStatus[]> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly runner: ProjectionRunner,
    private readonly rebuilder: ProjectionRebuilder,
  ) {}

  async execute(): Promise<ProjectionStatus[]> {
    const headPosition = await this.events.headPosition();
    return Promise.all(
      PROJECTION_NAMES.map(async (name) => {
        const checkpoint = await this.readModels.checkpoint(name);
        const rebuild = this.rebuilder.latest(name);
        return {
          name,
          checkpoint,
          headPosition,
          lag: Math.max(0, headPosition - checkpoint),
          state: this.rebuilder.isRunning(name) ? 'rebuilding' : this.runner.state(name),
          ...(rebuild && { rebuild }),
        };
      }),
    );
  }
}
