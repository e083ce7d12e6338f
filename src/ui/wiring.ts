/** Stage 2's adapter wiring: the host's adapter, else the HTTP adapter for `endpoint`, else the local one. */
import { httpAdapter, localAdapter } from '../adapters/index.js';
import { wireAdapter as wire, type AdapterChoice } from '../page/adapter-wiring.js';

/** The adapter a widget talks to, wired (see page/adapter-wiring.ts). */
export const wireAdapter = (choice: AdapterChoice): ReturnType<typeof wire> => wire(choice, ({ endpoint, flow }) => {
  const meetings = flow.settings?.meetings;
  return endpoint
    ? httpAdapter({ endpoint })
    : localAdapter({ agents: flow.agents ?? [], minNoticeHours: meetings?.minNoticeHours, bufferMinutes: meetings?.bufferMinutes });
});
