import { BoundedWindow } from './bounded-window';

/** A task that runs until it is let go, so the test decides when each one ends. */
function gate(): { task: () => Promise<void>; open: () => void; fail: (error: Error) => void } {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const settled = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { task: () => settled, open, fail };
}

describe('BoundedWindow', () => {
  it('keeps at most its size in flight, starting each task once one ends', async () => {
    const window = new BoundedWindow(2);
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const run = (i: number) => () => {
      started.push(i);
      return gates[i]!.task();
    };
    await window.add(run(0));
    await window.add(run(1));
    const third = window.add(run(2));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[0]!.open();
    await third;
    expect(started).toEqual([0, 1, 2]);
    gates[1]!.open();
    gates[2]!.open();
    await expect(window.drain()).resolves.toBeUndefined();
  });

  it('starts nothing after a failure, waits for the tasks in flight and throws the first failure', async () => {
    const window = new BoundedWindow(2);
    const failing = gate();
    const slow = gate();
    await window.add(failing.task);
    await window.add(slow.task);
    failing.fail(new Error('disk full'));
    let lateStarted = false;
    const late = window.add(() => {
      lateStarted = true;
      return Promise.resolve();
    });
    let lateSettled = false;
    void late.catch(() => (lateSettled = true));
    // The slow task is still in flight: the failure waits for it before it is thrown.
    await new Promise((resolve) => setImmediate(resolve));
    expect(lateSettled).toBe(false);
    slow.open();
    await expect(late).rejects.toThrow('disk full');
    expect(lateStarted).toBe(false);
    await expect(window.drain()).rejects.toThrow('disk full');
  });

  it('refuses a window of no tasks', () => {
    expect(() => new BoundedWindow(0)).toThrow(RangeError);
  });
});
