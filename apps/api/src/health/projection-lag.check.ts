import type { ProjectionSamples } from '../metrics/licence-metrics';
import { ReadinessCheckError } from './readiness.checks';
import type { ReadinessCheck } from './readiness.checks';

/**
 * Fails (PROJECTION_LAG) while any projection is more than `maxLag` events behind the event
 * store's head: the reads this instance answers would be that stale. Checked whoever runs the
 * projections, this process or a projector beside it.
 */
export function projectionLagCheck(projections: ProjectionSamples, maxLag: number): ReadinessCheck {
  return {
    name: 'projection-lag',
    check: async () => {
      const behind = (await projections.samples()).filter((sample) => sample.lag > maxLag);
      if (behind.length > 0) {
        throw new ReadinessCheckError(
          'PROJECTION_LAG',
          `${behind.map((s) => `${s.projection} is ${s.lag} events behind`).join(', ')} ` +
            `(at most ${maxLag} allowed: LICENCES_READY_MAX_PROJECTION_LAG)`,
        );
      }
    },
  };
}
