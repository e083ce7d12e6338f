/** Reads a Chrome trace of one page load: how much main-thread time our code took, and its long tasks. */

/** Trace categories a cost is read from (recording them slows the page, so timings come from untraced loads). */
export const CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing',
  // The sampling profiler: the only record that names the script of every function on the stack,
  // module evaluation and promise continuations included.
  'disabled-by-default-v8.cpu_profiler',
];

/** Tasks longer than this are long tasks, as the Long Tasks API counts them. */
export const LONG_TASK_MS = 50;

/** What our files cost the main thread in one traced load, in milliseconds. */
export interface Cost {
  /** V8 parsing our scripts off the main thread while they download. */
  parseOffThread: number;
  /** The main thread evaluating our classic scripts (a module chunk's evaluation carries no URL; it is in `ours`). */
  evaluate: number;
  /** Main-thread time in our code before the load event. */
  oursBeforeLoad: number;
  /** Main-thread time in our code until the end of the trace. */
  oursTotal: number;
  /** Tasks over LONG_TASK_MS that ran our code. */
  longTasks: number;
  /** The longest task that ran our code (0: none did). */
  longest: number;
  /** Per long task, the script of ours it spent most time in. */
  longSources: string[];
  /** The profiler started after the page began parsing: the costs miss its start. */
  late: boolean;
  /** Time on a core by the function of ours innermost on the stack (`url line column`, 0-based), in ms. */
  byFunction: Map<string, number>;
}

/** A Chrome trace event, as much of it as the analysis reads. */
export interface TraceEvent {
  name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; id?: string;
  args?: {
    frame?: string;
    data?: {
      url?: string; documentLoaderURL?: string; startTime?: number; timeDeltas?: number[];
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
    };
  };
}

/** The trace's samples begin after the navigation: the load is measured again. */
export class LateProfile extends Error {
  constructor() {
    super('the profiler started after the navigation');
  }
}

/** A node of the sampling profiler's call tree. */
interface ProfileNode { id: number; parent?: number; callFrame: { url?: string; functionName: string; lineNumber?: number; columnNumber?: number } }

/**
 * One profiler sample: when it was taken, how long its stack stood, which of our scripts it ran
 * (null: not ours) and where the innermost function of ours starts (`url line column`, 0-based).
 */
interface Sample { ts: number; dur: number; script: string | null; at: string }

/**
 * The main thread's samples, each with the innermost script of ours on its stack. A sample stands
 * until the next one, capped at 1 ms so that the gap before an idle stretch is not counted.
 */
function samplesOf(events: TraceEvent[], pid: number, tid: number, isOurs: (url: string) => boolean): Sample[] {
  const nodes = new Map<number, ProfileNode>();
  const raw: Array<{ ts: number; node: number }> = [];
  // The profile's id ties its chunks (written from a profiler thread) to the thread it sampled.
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  if (!profile) return [];
  let time = profile.args?.data?.startTime ?? 0;
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || e.id !== profile.id) continue;
    const cpu = e.args?.data?.cpuProfile;
    for (const node of cpu?.nodes ?? []) nodes.set(node.id, node);
    const deltas = e.args?.data?.timeDeltas ?? [];
    (cpu?.samples ?? []).forEach((node, i) => {
      time += deltas[i] ?? 0;
      raw.push({ ts: time, node });
    });
  }
  raw.sort((a, b) => a.ts - b.ts);
  // The innermost frame of ours on each node's stack (null: none).
  const oursOf = new Map<number, ProfileNode | null>();
  const find = (id: number): ProfileNode | null => {
    if (oursOf.has(id)) return oursOf.get(id)!;
    const node = nodes.get(id);
    const found = !node ? null : isOurs(node.callFrame.url ?? '') ? node : node.parent === undefined ? null : find(node.parent);
    oursOf.set(id, found);
    return found;
  };
  return raw.map((s, i) => {
    const frame = find(s.node)?.callFrame;
    return {
      ts: s.ts, dur: Math.min((raw[i + 1]?.ts ?? s.ts) - s.ts, 1000), script: frame?.url ?? null,
      at: frame ? `${frame.url} ${frame.lineNumber ?? 0} ${frame.columnNumber ?? 0}` : '',
    };
  });
}

/**
 * Reads one load's trace. "Our code" is every function whose script URL `isOurs` accepts, and
 * everything it calls (DOM calls, forced style and layout, functions of other scripts it calls
 * back): the V8 sampling profiler, recorded in the trace, gives the stack every ~0.2 ms and a
 * sample counts when one of its frames is ours. This is how the DevTools Performance panel
 * attributes time to a URL, and it covers what trace events do not name: a module chunk's
 * evaluation and promise continuations. Rendering the page afterwards (style, layout, paint of
 * the shadow DOM in the next frame) and garbage collection are the browser's, for every widget
 * alike, and are left out.
 *
 * Times are time on a core: each sample's wall time is scaled by the CPU share of its task (the
 * trace's thread duration `tdur` over `dur`), and a task's length is its thread duration. On a
 * shared machine wall time also counts the stretches the OS gave the core to another process,
 * which says more about the machine than about our code. Chrome's CPU throttling spins on the
 * thread (a busy loop in a signal handler), so at 4× the slowdown is counted. Long tasks are
 * the top-level `RunTask`s over 50 ms in which at least one sample was ours. `strict`: throw
 * LateProfile when the samples begin after the page began parsing.
 */
export function analyse(events: TraceEvent[], pageUrl: string, isOurs: (url: string) => boolean, strict = true): Cost {
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === pageUrl);
  if (!nav) throw new Error(`no navigation to ${pageUrl} in the trace`);
  const loadMark = events.find((e) => e.name === 'loadEventStart' && e.args?.frame === nav.args?.frame);
  if (!loadMark) throw new Error('no load event in the trace');
  const ms = (us: number) => us / 1000;
  const main = events.filter((e) => e.pid === nav.pid && e.tid === nav.tid).sort((a, b) => a.ts - b.ts);
  const samples = samplesOf(events, nav.pid, nav.tid, isOurs);
  // The renderer starts its profiler when tracing reaches it, which a busy machine can delay past
  // the start of parsing the page (no script of the page runs before).
  const parsing = main.find((e) => e.name === 'ParseHTML' && e.ts >= nav.ts);
  const late = !samples.length || !parsing || samples[0].ts > parsing.ts;
  if (late && strict) throw new LateProfile();
  const ours = samples.filter((s) => s.script !== null);

  // Top-level tasks only: a nested run loop would count its time twice. `cpu`: the share of the
  // task's wall time the thread was on a core (its trace `tdur` over `dur`).
  const tasks: Array<{ start: number; end: number; cpu: number }> = [];
  for (const e of main) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || e.ts < nav.ts) continue;
    const last = tasks[tasks.length - 1];
    const dur = e.dur ?? 0;
    if (!last || e.ts >= last.end) tasks.push({ start: e.ts, end: e.ts + dur, cpu: dur && e.tdur !== undefined ? Math.min(1, e.tdur / dur) : 1 });
  }
  let k = 0;
  const oursIn = tasks.map((task) => {
    while (k < ours.length && ours[k].ts < task.start) k++;
    const inside: Sample[] = [];
    for (let j = k; j < ours.length && ours[j].ts < task.end; j++) inside.push(ours[j]);
    return inside;
  });
  const ran = tasks.map((task, i) => ({ ...task, samples: oursIn[i], length: (task.end - task.start) * task.cpu })).filter((t) => t.samples.length);
  const long = ran.filter((t) => t.length > LONG_TASK_MS * 1000);
  // A sample's time on a core: its wall time times its task's CPU share (outside any task: all of it).
  const cpuOf = new Map<Sample, number>();
  tasks.forEach((task, i) => oursIn[i].forEach((s) => cpuOf.set(s, task.cpu)));
  const onCore = (list: Sample[]) => list.reduce((total, s) => total + s.dur * (cpuOf.get(s) ?? 1), 0);
  const mostTimeIn = (list: Sample[]) => {
    const by = new Map<string, number>();
    for (const s of list) by.set(s.script!, (by.get(s.script!) ?? 0) + s.dur);
    return [...by].sort((a, b) => b[1] - a[1])[0][0];
  };
  const sum = (list: TraceEvent[]) => list.reduce((total, e) => total + (e.tdur ?? e.dur ?? 0), 0);
  return {
    parseOffThread: ms(sum(events.filter((e) => e.name === 'v8.parseOnBackground' && isOurs(e.args?.data?.url ?? '')))),
    evaluate: ms(sum(main.filter((e) => e.name === 'EvaluateScript' && isOurs(e.args?.data?.url ?? '')))),
    oursBeforeLoad: ms(onCore(ours.filter((s) => s.ts < loadMark.ts))),
    oursTotal: ms(onCore(ours)),
    longTasks: long.length,
    longest: ms(Math.max(0, ...ran.map((t) => t.length))),
    late,
    byFunction: ours.reduce((by, s) => by.set(s.at, (by.get(s.at) ?? 0) + ms(s.dur * (cpuOf.get(s) ?? 1))), new Map<string, number>()),
    longSources: long.map((t) => `${new URL(mostTimeIn(t.samples)).pathname}${t.start < loadMark.ts ? ' (before load)' : ''}`),
  };
}
