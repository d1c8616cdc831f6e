import type { AccessLogAnchor, AccessLogAnchorHead } from '../ports/access-log-anchor.port';

/**
 * Moves the anchor after the log, off the request path: a read is answered once its record is in
 * the log, without waiting for the anchor. Heads that arrive while a write is under way are
 * folded into one write of the newest, so the anchor costs at most one write at a time. Being
 * written only after the log, the anchor can lag behind the log (a crash, a locked file) but
 * never run ahead of it; a failed write is retried with the next head, or at `flush`.
 */
export class AccessLogAnchorKeeper {
  private pending: AccessLogAnchorHead | undefined;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly anchor: AccessLogAnchor,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Anchors `head` soon; returns at once. */
  advance(head: AccessLogAnchorHead): void {
    if (!this.pending || head.seq > this.pending.seq) this.pending = head;
    this.writing ??= this.drain();
  }

  /** Resolves once the newest head given has been written, or its write failed. */
  async flush(): Promise<void> {
    await this.writing;
    if (this.pending) await (this.writing ??= this.drain());
  }

  /** Called only with a head pending, so it always awaits before its `finally` runs. */
  private async drain(): Promise<void> {
    try {
      while (this.pending) {
        const head = this.pending;
        await this.anchor.advance(head);
        if (this.pending === head) this.pending = undefined;
      }
    } catch (error) {
      // Kept pending: the next head (or flush) tries again, and a lagging anchor is safe.
      this.onError(error);
    } finally {
      this.writing = undefined;
    }
  }
}
