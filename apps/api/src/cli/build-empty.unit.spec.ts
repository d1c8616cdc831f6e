import { RebuildRunningError } from '@licences/licensing-read-models';
import type { ProjectionRebuilder } from '@licences/licensing-read-models';
import { buildEmptyReadModels } from './build-empty';

const rebuilderThat = (buildEmpty: ProjectionRebuilder['buildEmpty']) =>
  ({ buildEmpty }) as unknown as ProjectionRebuilder;

describe('building the empty read models before catching up', () => {
  it('reports each build as it starts and resolves with what it built', async () => {
    const started: string[] = [];
    const built = await buildEmptyReadModels(
      rebuilderThat((names, onStart) => {
        onStart?.('statistics', 42);
        return Promise.resolve(names.filter((n) => n === 'statistics'));
      }),
      { started: (name, target) => started.push(`${name}@${target}`) },
    );
    expect(built).toEqual(['statistics']);
    expect(started).toEqual(['statistics@42']);
  });

  it('leaves the build to another process that started one, and lets the runner catch up instead', async () => {
    const yielded: string[] = [];
    const built = await buildEmptyReadModels(
      rebuilderThat(() => Promise.reject(new RebuildRunningError('decision-history'))),
      { yielded: (error) => yielded.push(error.projection) },
    );
    expect(built).toEqual([]);
    expect(yielded).toEqual(['decision-history']);
  });

  it('throws any other failure', async () => {
    await expect(
      buildEmptyReadModels(rebuilderThat(() => Promise.reject(new Error('disk full')))),
    ).rejects.toThrow('disk full');
  });
});
