import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { cliToken, startAppProcess } from './support/app-process';
import { APP_START_MS, STOP_MS, stopProcess } from './support/child-processes';
import { measureEventsPerCase, measureStreamTypes, writeMeasureBacklog } from './support/measure-store';
import { timeoutAbove, waitUntil } from './support/waiting';

/*
 * A measure over 5,000 cases whose API process is killed (SIGKILL) part-way through the
 * execution, then started again: the start-up resumes it, and in the end every case got exactly
 * one event naming the measure, none missing, and the measure's progress equals its total.
 */

const CASES = 5_000;
/** Writing the cases through the real decider into the store file (about 10 s idle). */
const WRITE_MS = 120_000;
/** From the approval until the first cases are done (the work list reads the whole store first). */
const FIRST_CASES_MS = 90_000;
/** The whole execution after the restart. */
const RESUME_MS = 180_000;

describe('a measure over 5,000 cases, killed part-way and resumed', () => {
  let dataDir: string;
  const started: ChildProcess[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'licences-measure-resume-'));
  });

  afterEach(async () => {
    await Promise.all(started.map((child) => stopProcess(child, 'SIGKILL')));
    started.length = 0;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'touches every case exactly once',
    async () => {
      const eventsFile = join(dataDir, 'licences.sqlite');
      // The API refuses a store with events but no access log: one start creates the log first.
      const empty = await startAppProcess({ LICENCES_DATA_DIR: dataDir });
      started.push(empty.child);
      await stopProcess(empty.child);
      const backlog = await writeMeasureBacklog(eventsFile, CASES, 'TR');
      const proposer = cliToken('senior-assessor', 'senior-a');
      const approver = cliToken('senior-assessor', 'senior-b');

      const first = await startAppProcess({ LICENCES_DATA_DIR: dataDir });
      started.push(first.child);
      const post = (path: string, token: string, body: unknown) =>
        fetch(`${first.baseUrl}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const proposed = await post('/api/measures', proposer, {
        destination: 'TR',
        legalGround: 'Kamerstuk 22054-316',
        reasons: 'Military operation in north-east Syria',
      });
      expect(proposed.status).toBe(201);
      const measureId = ((await proposed.json()) as { id: string }).id;
      expect((await post(`/api/measures/${measureId}/approve`, approver, {})).status).toBe(200);

      const touched = () =>
        measureEventsPerCase(eventsFile, 'PutOnHold', measureId).size +
        measureEventsPerCase(eventsFile, 'ReassessmentRequested', measureId).size;
      await waitUntil(() => touched() > 0, 'the first cases are held', FIRST_CASES_MS, 50);
      first.child.kill('SIGKILL');
      await stopProcess(first.child, 'SIGKILL');
      const atKill = touched();
      expect(atKill).toBeGreaterThan(0);
      expect(atKill).toBeLessThan(CASES);
      expect(measureStreamTypes(eventsFile, measureId)).not.toContain('MeasureExecuted');

      const second = await startAppProcess({ LICENCES_DATA_DIR: dataDir });
      started.push(second.child);
      await waitUntil(
        () => measureStreamTypes(eventsFile, measureId).includes('MeasureExecuted'),
        'the resumed measure is executed',
        RESUME_MS,
        250,
      );

      const holds = measureEventsPerCase(eventsFile, 'PutOnHold', measureId);
      const requests = measureEventsPerCase(eventsFile, 'ReassessmentRequested', measureId);
      expect([...holds.keys()].sort()).toEqual([...backlog.pending].sort());
      expect([...holds.values()].every((n) => n === 1)).toBe(true);
      expect([...requests.keys()].sort()).toEqual([...backlog.licences].sort());
      expect([...requests.values()].every((n) => n === 1)).toBe(true);

      const view = await fetch(`${second.baseUrl}/api/measures/${measureId}`, {
        headers: { authorization: `Bearer ${approver}` },
      });
      const measure = (await view.json()) as { progress: Record<string, unknown>; executed: boolean };
      expect(measure.executed).toBe(true);
      expect(measure.progress['holds']).toEqual({ done: CASES / 2, total: CASES / 2, notApplicable: 0 });
      expect(measure.progress['reassessments']).toEqual({
        done: CASES / 2,
        total: CASES / 2,
        notApplicable: 0,
      });
    },
    timeoutAbove(WRITE_MS, 3 * APP_START_MS, STOP_MS, FIRST_CASES_MS, STOP_MS, RESUME_MS),
  );
});
