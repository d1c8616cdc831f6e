import { Controller, Get, HttpCode, Logger, Param, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@licences/licensing-domain';
import {
  GetProjectionsQuery,
  isProjectionName,
  PROJECTION_NAMES,
  ProjectionRebuilder,
  RebuildRunningError,
} from '@licences/licensing-read-models';
import type { ProjectionName, ProjectionStatus, RebuildProgress } from '@licences/licensing-read-models';
import { Roles } from '../auth/roles';
import { NoBody } from '../http/empty-body.pipe';

/** Operating the projections: their checkpoints and lag, and rebuilds from the first event. */
@ApiTags('projections')
@ApiBearerAuth()
@Controller('api/projections')
export class ProjectionsController {
  private readonly logger = new Logger(ProjectionsController.name);

  constructor(
    private readonly queries: QueryBus,
    private readonly rebuilder: ProjectionRebuilder,
  ) {}

  @Get()
  @Roles('admin', 'oversight')
  @ApiOperation({
    summary: 'Each projection: checkpoint, lag behind the event store, state, rebuild progress',
  })
  list(): Promise<ProjectionStatus[]> {
    return this.queries.execute<GetProjectionsQuery, ProjectionStatus[]>(new GetProjectionsQuery());
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @Roles('admin')
  @ApiParam({ name: 'name', enum: PROJECTION_NAMES })
  @ApiOperation({
    summary: 'Rebuild a projection into fresh tables; they replace the live ones once caught up',
  })
  async rebuild(@Param('name') name: string, @NoBody() _body: undefined): Promise<RebuildProgress> {
    const projection = this.projectionNamed(name);
    let finished: Promise<RebuildProgress>;
    try {
      // Answered once the fresh tables exist: a rebuild running here or in another replica is refused.
      ({ finished } = await this.rebuilder.begin(projection));
    } catch (error) {
      if (error instanceof RebuildRunningError) {
        throw new DomainError('REBUILD_RUNNING', 'forbidden-transition', error.message);
      }
      throw error;
    }
    // The rebuild goes on after the answer; its progress is in GET /api/projections.
    finished.catch((error: unknown) => this.logger.error(`Rebuild of ${name} failed: ${String(error)}`));
    return this.rebuilder.latest(projection) as RebuildProgress;
  }

  private projectionNamed(name: string): ProjectionName {
    if (!isProjectionName(name)) {
      throw new DomainError(
        'UNKNOWN_PROJECTION',
        'not-found',
        `No projection ${name}; known: ${PROJECTION_NAMES.join(', ')}`,
      );
    }
    return name;
  }
}
