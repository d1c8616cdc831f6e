import { isProjectionName } from '@licences/licensing-read-models';
import type { ProjectionName, ProjectionTarget } from '@licences/licensing-read-models';

/*
 * The checks every read-model store makes on its callers' arguments before any SQL, so that a
 * name from outside (an admin request, a CLI flag) can never reach a statement unchecked.
 */

export function checkProjectionName(name: ProjectionName): ProjectionName {
  if (!isProjectionName(name)) throw new RangeError(`Unknown projection ${String(name)}`);
  return name;
}

export function checkTarget(target: ProjectionTarget): ProjectionTarget {
  if (target !== 'live' && target !== 'rebuild') throw new RangeError(`Unknown target ${String(target)}`);
  return target;
}
