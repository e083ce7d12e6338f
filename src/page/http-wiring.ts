/**
 * The adapters chunk: what the loader imports alone to send an earlier page's outbox or to ask
 * `identify()` before any dialogue plays. Only the HTTP adapter is inside, since only an
 * `endpoint` calls for either.
 */
import { httpAdapter } from '../adapters/http.js';
import { wireAdapter as wire, type AdapterChoice } from './adapter-wiring.js';

/** The host's adapter, or the HTTP adapter for `endpoint`, wired. */
export const wireAdapter = (choice: AdapterChoice): ReturnType<typeof wire> => wire(choice, ({ endpoint }) => httpAdapter({ endpoint: endpoint! }));
