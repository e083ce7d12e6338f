/** Errors an adapter rejects with, readable by a visitor and tagged with a stable code. */

/** Codes of interactive (booking) failures; the UI may localise by code. */
export type RequestErrorCode = 'slot-taken' | 'timeout' | 'network' | 'server' | 'rejected' | 'bad-response';

/** How each calendar failure but a taken slot ends "The calendar …". */
const CALENDAR_FAILURES: Record<Exclude<RequestErrorCode, 'slot-taken'>, string> = {
  timeout: 'timed out',
  network: 'is unreachable',
  server: 'is unavailable',
  rejected: 'refused the request',
  'bad-response': 'sent an unreadable answer',
};

/** A failed interactive request: `message`, made from the code, is shown to the visitor beside a retry. */
export class AdapterRequestError extends Error {
  /**
   * @param code Stable machine-readable reason, e.g. `slot-taken` (every adapter's code when another visitor took the slot meanwhile).
   * @param status The HTTP status, when the server answered.
   */
  constructor(readonly code: RequestErrorCode, readonly status?: number) {
    super(code === 'slot-taken' ? 'That time was just taken. Please pick another.' : `The calendar ${CALENDAR_FAILURES[code]}. Please try again.`);
    this.name = 'AdapterRequestError';
  }
}
