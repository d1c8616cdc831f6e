import type { CaseScript, DemoStep } from './demo-plan.types';

interface Cursor {
  readonly script: CaseScript;
  /** Order of the case among the merged ones: breaks ties between steps at the same instant. */
  readonly order: number;
  next: number;
}

/**
 * Merges the steps of the open cases into one business-time order: a binary heap of cases keyed
 * by their next step, so only cases with steps still to come are held.
 */
export class StepQueue {
  private readonly heap: Cursor[] = [];
  private added = 0;

  add(script: CaseScript): void {
    if (script.steps.length === 0) return;
    this.heap.push({ script, order: this.added++, next: 0 });
    this.up(this.heap.length - 1);
  }

  /** Emits, in order, every queued step at or before `until` (all of them when undefined). */
  *drainUntil(until: string | undefined): Generator<DemoStep> {
    for (;;) {
      const top = this.heap[0];
      if (!top) return;
      const step = top.script.steps[top.next];
      if (!step || (until !== undefined && step.at > until)) return;
      const { event: _event, alsoRecorded: _also, ...plain } = step;
      yield top.next === 0 ? { ...plain, case: top.script.case } : plain;
      top.next += 1;
      if (top.next < top.script.steps.length) this.down(0);
      else this.removeTop();
    }
  }

  private key(cursor: Cursor): string {
    return (cursor.script.steps[cursor.next] as DemoStep).at;
  }

  private before(a: Cursor, b: Cursor): boolean {
    const ka = this.key(a);
    const kb = this.key(b);
    return ka < kb || (ka === kb && a.order < b.order);
  }

  private removeTop(): void {
    const last = this.heap.pop();
    if (last && this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
  }

  private up(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(this.heap[i] as Cursor, this.heap[parent] as Cursor)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(index: number): void {
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.heap.length && this.before(this.heap[left] as Cursor, this.heap[smallest] as Cursor))
        smallest = left;
      if (right < this.heap.length && this.before(this.heap[right] as Cursor, this.heap[smallest] as Cursor))
        smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  private swap(a: number, b: number): void {
    [this.heap[a], this.heap[b]] = [this.heap[b] as Cursor, this.heap[a] as Cursor];
  }
}
