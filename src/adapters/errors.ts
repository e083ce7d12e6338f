/** Errors an adapter rejects with, readable by a visitor and tagged with a stable code. */

/** Codes of interactive (booking) failures; the UI may localise by code. */
export type RequestErrorCode = 'slot-taken' | 'timeout' | 'network' | 'server' | 'rejected' | 'bad-response';

/** A failed interactive request: `message` is shown to the visitor beside a retry. */
export class AdapterRequestError extends Error {
  /**
   * @param code Stable machine-readable reason, e.g. `slot-taken`.
   * @param status The HTTP status, when the server answered.
   */
  constructor(readonly code: RequestErrorCode, message: string, readonly status?: number) {
    super(message);
    this.name = 'AdapterRequestError';
  }
}

/** The error every adapter rejects with when another visitor took the slot meanwhile. */
export function slotTaken(): AdapterRequestError {
  return new AdapterRequestError('slot-taken', 'That time was just taken. Please pick another.', 409);
}
