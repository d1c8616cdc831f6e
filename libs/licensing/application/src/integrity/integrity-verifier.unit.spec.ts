import { GENESIS_HASH, sealOf } from '@licences/event-store';
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent } from '@licences/event-store';
import { verifyIntegrity } from './integrity-verifier';

/** Just the reads the verifier uses, over an array the test tampers with as it likes. */
class InMemoryEvents {
  constructor(public events: RecordedEvent[]) {}

  readAll({ after = 0, maxCount = Infinity }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const sorted = [...this.events].sort((a, b) => a.position - b.position);
    return Promise.resolve(sorted.filter((e) => e.position > after).slice(0, maxCount));
  }

  readStream(streamId: string, { fromRevision = 0, maxCount = Infinity }: ReadStreamOptions = {}) {
    const stream = this.events
      .filter((e) => e.streamId === streamId && e.revision >= fromRevision)
      .sort((a, b) => a.revision - b.revision);
    return Promise.resolve(stream.slice(0, maxCount));
  }
}

/** Seals `events` (given in global order) as the store does. */
function sealAll(events: Omit<RecordedEvent, 'seal'>[]): RecordedEvent[] {
  let chain = GENESIS_HASH;
  const streams = new Map<string, string>();
  return events.map((event) => {
    const seal = sealOf(event, streams.get(event.streamId) ?? GENESIS_HASH, chain);
    chain = seal.chainHash;
    streams.set(event.streamId, seal.streamHash);
    return { ...event, seal };
  });
}

/** Streams a, b, c interleaved; positions 10, 20, 30... leave room for an inserted row. */
function history(): RecordedEvent[] {
  const plan = ['a', 'b', 'a', 'c', 'b', 'a', 'c', 'a', 'a'];
  const revisions = new Map<string, number>();
  return sealAll(
    plan.map((stream, i) => {
      const revision = revisions.get(stream) ?? 0;
      revisions.set(stream, revision + 1);
      return {
        id: `${stream}${revision}`,
        streamId: `licence-${stream}`,
        revision,
        position: (i + 1) * 10,
        type: revision === 0 ? 'CaseRegistered' : 'LicenceIssued',
        schemaVersion: 1,
        data: { step: revision, of: stream },
        metadata: {
          occurredAt: '2024-11-28T10:00:00.000Z',
          actor: { sub: 'bob', role: 'assessor' },
          correlationId: `c${i}`,
          causationId: `c${i}`,
        },
        recordedAt: `2024-11-28T10:00:0${i}.000Z`,
      };
    }),
  );
}

const at = (events: RecordedEvent[], position: number) => events.find((e) => e.position === position)!;
const without = (events: RecordedEvent[], position: number) => events.filter((e) => e.position !== position);
const replace = (events: RecordedEvent[], position: number, change: Partial<RecordedEvent>) =>
  events.map((e) => (e.position === position ? { ...e, ...change } : e));

async function verify(events: RecordedEvent[], options = {}) {
  for (const pageSize of [1000, 1, 3]) {
    const report = await verifyIntegrity(new InMemoryEvents(events), { pageSize, ...options });
    // Page boundaries never change the answer.
    if (pageSize !== 1000) expect(report).toEqual(await verifyIntegrity(new InMemoryEvents(events), options));
  }
  return verifyIntegrity(new InMemoryEvents(events), options);
}

describe('verifyIntegrity', () => {
  it('reports an intact store with its head position and head hash', async () => {
    const events = history();

    const report = await verify(events);

    expect(report).toMatchObject({ intact: true, sealed: true, eventsChecked: 9, headPosition: 90 });
    expect(report.headHash).toBe(events.at(-1)!.seal!.chainHash);
    expect(report.firstProblem).toBeUndefined();
    expect(report.summary).toContain(report.headHash);
  });

  it('reports an empty store as intact from the genesis hash', async () => {
    expect(await verify([])).toMatchObject({ intact: true, eventsChecked: 0, headHash: GENESIS_HASH });
  });

  it('names a changed event: data, metadata, type, recording time, stream hash or revision', async () => {
    const events = history();
    const changes: Partial<RecordedEvent>[] = [
      { data: { step: 1, of: 'a', extra: true } },
      { metadata: { ...at(events, 30).metadata, actor: { sub: 'eve', role: 'assessor' } } },
      { type: 'LicenceDenied' },
      { recordedAt: '2024-11-28T10:00:09.000Z' },
      { seal: { ...at(events, 30).seal!, streamHash: 'f'.repeat(64) } },
    ];
    for (const change of changes) {
      const report = await verify(replace(events, 30, change));
      expect(report).toMatchObject({
        intact: false,
        eventsChecked: 2,
        headPosition: 20,
        firstProblem: { kind: 'changed', position: 30, eventId: 'a1', streamId: 'licence-a', revision: 1 },
      });
    }
    expect((await verify(replace(events, 60, { revision: 5 }))).firstProblem).toMatchObject({
      kind: 'changed',
      position: 60,
      detail: expect.stringContaining('sealed as revision 2'),
    });
  });

  it('names the first event after a removed one, whichever stream it belongs to', async () => {
    const events = history();

    expect((await verify(without(events, 40))).firstProblem).toMatchObject({ kind: 'removed', position: 50 });
    expect((await verify(without(events, 10))).firstProblem).toMatchObject({ kind: 'removed', position: 20 });
    // The next event is of the same stream: its revision skips one that is stored nowhere.
    expect((await verify(without(events, 80))).firstProblem).toMatchObject({
      kind: 'removed',
      position: 90,
      detail: expect.stringContaining('revision 3 of licence-a is missing'),
    });
  });

  it('names an inserted event, in the middle of the chain or at its end', async () => {
    const events = history();
    const forged = { ...at(events, 90), id: 'forged', revision: 5, position: 100, data: { step: 'forged' } };
    const inMiddle = { ...at(events, 70), id: 'forged', streamId: 'licence-d', revision: 0, position: 45 };

    expect((await verify([...events, forged])).firstProblem).toMatchObject({
      kind: 'inserted',
      position: 100,
      eventId: 'forged',
      detail: expect.stringContaining('copy of the seal of the event at position 90'),
    });
    expect((await verify([...events, inMiddle])).firstProblem).toMatchObject({
      kind: 'inserted',
      position: 45,
    });
    const unsealed = { ...forged, seal: undefined };
    expect((await verify([...events, unsealed])).firstProblem).toMatchObject({
      kind: 'inserted',
      position: 100,
    });
    const duplicate = { ...forged, revision: 1 };
    expect((await verify([...events, duplicate])).firstProblem).toMatchObject({ kind: 'inserted' });
  });

  it('names reordered events of a stream, whether seals stayed in place or moved along', async () => {
    const events = history();
    const [first, second] = [at(events, 30), at(events, 60)];
    const content = ({ id, type, data, metadata }: RecordedEvent) => ({ id, type, data, metadata });
    const swapped = replace(replace(events, 30, content(second)), 60, content(first));
    const withSeals = replace(replace(events, 30, { ...content(second), seal: second.seal }), 60, {
      ...content(first),
      seal: first.seal,
    });
    const positionsSwapped = replace(replace(events, 30, { ...second, position: 30 }), 60, {
      ...first,
      position: 60,
    });

    for (const tampered of [swapped, withSeals]) {
      expect((await verify(tampered)).firstProblem).toMatchObject({
        kind: 'reordered',
        position: 30,
        eventId: 'a2',
        detail: expect.stringContaining('event a1, now revision 2 at position 60'),
      });
    }
    expect((await verify(positionsSwapped)).firstProblem).toMatchObject({ kind: 'reordered', position: 30 });
  });

  it('says so when the store does not seal its events, instead of passing them', async () => {
    const unsealed = history().map(({ seal: _seal, ...event }) => event);

    const report = await verify(unsealed);

    expect(report).toMatchObject({ intact: false, sealed: false, eventsChecked: 0, headHash: null });
    expect(report.summary).toContain('Not sealed by this store');
  });

  it('checks a published head hash, which catches a history rewritten with fresh seals', async () => {
    const events = history();
    const published = { position: 50, hash: at(events, 50).seal!.chainHash };
    const rewritten = sealAll(replace(events, 20, { data: { step: 0, of: 'b', rewritten: true } }));

    expect(await verify(events, { expectHead: published })).toMatchObject({
      intact: true,
      checkpoint: { position: 50, matches: true, actualHash: published.hash },
    });
    expect(await verify(events, { expectHead: { hash: events.at(-1)!.seal!.chainHash } })).toMatchObject({
      intact: true,
      checkpoint: { position: 90, matches: true },
    });
    const caught = await verify(rewritten, { expectHead: published });
    expect(caught).toMatchObject({ intact: false, checkpoint: { matches: false } });
    expect(caught.firstProblem).toBeUndefined();
    expect(caught.summary).toContain('rewritten');
    expect((await verify(events, { expectHead: { ...published, position: 55 } })).checkpoint).toMatchObject({
      actualHash: null,
      matches: false,
    });
    // The newest event removed: nothing before it changed, but the published head is gone.
    expect((await verify(without(events, 90), { expectHead: { position: 90, hash: 'x' } })).intact).toBe(
      false,
    );
  });

  it('on a tampered store, tells an event that is there from one that is not at the published position', async () => {
    const events = history();
    const head = { position: 90, hash: at(events, 90).seal!.chainHash };
    const changedEarlier = replace(events, 20, { data: { step: 0, of: 'b', changed: true } });
    const resealedHead = replace(events, 90, {
      seal: { ...at(events, 90).seal!, chainHash: 'f'.repeat(64) },
    });

    // The chain breaks at 20; the event at 90 still carries the published hash.
    const broken = await verify(changedEarlier, { expectHead: head });
    expect(broken).toMatchObject({
      intact: false,
      firstProblem: { position: 20 },
      checkpoint: { position: 90, storedHash: head.hash, actualHash: null, matches: false },
    });
    expect(broken.checkpoint!.finding).toBe(
      `the event at position 90 still carries the expected hash, but the chain breaks before it reaches it ` +
        `(at position 20): the store was changed at or before 90`,
    );
    // Without a position the published hash is the head's: the last event stored, not the last verified.
    expect((await verify(changedEarlier, { expectHead: { hash: head.hash } })).checkpoint).toMatchObject({
      position: 90,
      storedHash: head.hash,
    });

    const differs = await verify(resealedHead, { expectHead: head });
    expect(differs.checkpoint).toMatchObject({ position: 90, storedHash: 'f'.repeat(64), matches: false });
    expect(differs.checkpoint!.finding).toBe(
      `the event at position 90 has hash ${'f'.repeat(64)}, not the expected ${head.hash}: ` +
        'the store was changed at or before 90',
    );

    const gone = await verify(changedEarlier, { expectHead: { position: 95, hash: head.hash } });
    expect(gone.checkpoint).toMatchObject({ position: 95, storedHash: null, matches: false });
    expect(gone.checkpoint!.finding).toBe('no event is stored at position 95');
  });
});
