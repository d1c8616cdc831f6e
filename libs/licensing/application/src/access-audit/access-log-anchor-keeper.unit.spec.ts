import type { AccessLogAnchor, AccessLogAnchorHead } from '../ports/access-log-anchor.port';
import { AccessLogAnchorKeeper } from './access-log-anchor-keeper';

/** An anchor whose writes the test completes or fails one at a time. */
class ControlledAnchor implements AccessLogAnchor {
  readonly written: number[] = [];
  readonly waiting: { head: AccessLogAnchorHead; done: (error?: Error) => void }[] = [];

  read(): Promise<AccessLogAnchorHead | null> {
    return Promise.resolve(null);
  }

  advance(head: AccessLogAnchorHead): Promise<void> {
    return new Promise((resolve, reject) =>
      this.waiting.push({
        head,
        done: (error) => {
          if (error) return reject(error);
          this.written.push(head.seq);
          resolve();
        },
      }),
    );
  }

  reset(): Promise<void> {
    throw new Error('not used');
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Completes the oldest write under way and lets the keeper react. */
  async complete(error?: Error): Promise<void> {
    this.waiting.shift()?.done(error);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const head = (seq: number) => ({ origin: 'o'.repeat(64), seq, hash: String(seq).repeat(64).slice(0, 64) });

describe('keeping the anchor after the access log', () => {
  it('writes one head at a time, folding the heads that arrive meanwhile into the newest', async () => {
    const anchor = new ControlledAnchor();
    const keeper = new AccessLogAnchorKeeper(anchor, () => undefined);

    keeper.advance(head(1));
    keeper.advance(head(2));
    keeper.advance(head(4));
    keeper.advance(head(3));
    expect(anchor.waiting.map((w) => w.head.seq)).toEqual([1]);
    await anchor.complete();
    expect(anchor.waiting.map((w) => w.head.seq)).toEqual([4]);
    await anchor.complete();

    expect(anchor.written).toEqual([1, 4]);
    expect(anchor.waiting).toEqual([]);
  });

  it('keeps a head whose write failed and writes it with the next one, or at flush', async () => {
    const anchor = new ControlledAnchor();
    const errors: unknown[] = [];
    const keeper = new AccessLogAnchorKeeper(anchor, (error) => errors.push(error));

    keeper.advance(head(1));
    await anchor.complete(new Error('SQLITE_BUSY'));
    expect(errors).toHaveLength(1);
    const flushed = keeper.flush();
    await new Promise((resolve) => setImmediate(resolve));
    expect(anchor.waiting.map((w) => w.head.seq)).toEqual([1]);
    await anchor.complete();
    await flushed;
    expect(anchor.written).toEqual([1]);

    keeper.advance(head(2));
    await anchor.complete(new Error('SQLITE_BUSY'));
    keeper.advance(head(3));
    await anchor.complete();
    expect(anchor.written).toEqual([1, 3]);
  });

  it('flush waits for the write under way', async () => {
    const anchor = new ControlledAnchor();
    const keeper = new AccessLogAnchorKeeper(anchor, () => undefined);
    keeper.advance(head(5));
    let flushed = false;
    const flushing = keeper.flush().then(() => (flushed = true));

    await new Promise((resolve) => setImmediate(resolve));
    expect(flushed).toBe(false);
    await anchor.complete();
    await flushing;
    expect(anchor.written).toEqual([5]);
  });
});
