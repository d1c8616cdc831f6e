import { PROJECTION_NAMES, RebuildRunningError } from '@licences/licensing-read-models';
import type { ProjectionName, ProjectionRebuilder } from '@licences/licensing-read-models';

export interface BuildEmptyReports {
  /** A projection's build began, reading the events up to `target`. */
  readonly started?: (name: ProjectionName, target: number) => void;
  /** Another process began building the same projection; this one leaves the build to it. */
  readonly yielded?: (error: RebuildRunningError) => void;
}

/**
 * Builds every empty read model stream by stream before a runner follows the events (see
 * ProjectionRebuilder.buildEmpty): minutes less than catching up a large history in global order.
 * For a process that writes the SQLite read models (a projector, a CLI catching up). Should another
 * process start building one of them meanwhile, its build wins (REBUILD_RUNNING): this one then
 * resolves with nothing built and its runner catches up in global order, as before there were
 * builds. Any other failure is thrown.
 */
export async function buildEmptyReadModels(
  rebuilder: ProjectionRebuilder,
  reports: BuildEmptyReports = {},
): Promise<ProjectionName[]> {
  try {
    return await rebuilder.buildEmpty(PROJECTION_NAMES, reports.started);
  } catch (error) {
    if (!(error instanceof RebuildRunningError)) throw error;
    reports.yielded?.(error);
    return [];
  }
}
