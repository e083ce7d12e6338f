/** A hand-driven clock and timers for adapter tests: time moves only when a test says so. */
import type { Timers } from '../../src/platform/timers.js';

/** A fake clock: `now`/`timers` go to the adapter, `advance` runs what falls due. */
export interface FakeClock {
  now: () => Date;
  timers: Timers;
  /** Moves time forward, running due timers in order and letting promises settle between them. */
  advance(ms: number): Promise<void>;
  /** Delays (from now) of the timers still waiting, soonest first. */
  waiting(): number[];
}

/** Lets pending promise chains (and msw's interception) run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => globalThis.setTimeout(resolve, 0));
}

/** Creates a fake clock starting at `start`. */
export function createClock(start: string | number | Date): FakeClock {
  let current = new Date(start).getTime();
  let nextId = 1;
  const tasks = new Map<number, { at: number; run: () => void }>();
  return {
    now: () => new Date(current),
    timers: {
      setTimeout(run, ms) {
        const id = nextId++;
        tasks.set(id, { at: current + Math.max(0, ms), run });
        return id;
      },
      clearTimeout(handle) {
        tasks.delete(handle as number);
      },
    },
    async advance(ms) {
      const target = current + ms;
      await settle();
      for (;;) {
        const due = [...tasks.entries()].filter(([, task]) => task.at <= target).sort(([, a], [, b]) => a.at - b.at)[0];
        if (!due) break;
        tasks.delete(due[0]);
        current = Math.max(current, due[1].at);
        due[1].run();
        await settle();
      }
      current = target;
      await settle();
    },
    waiting: () => [...tasks.values()].map((task) => task.at - current).sort((a, b) => a - b),
  };
}
