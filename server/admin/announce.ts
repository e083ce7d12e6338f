/** The dashboard's live region: results of actions, read out by screen readers and shown under the header. */

/** The live region's id (rendered by the shell). */
export const STATUS_ID = 'dc-status';

/** Shows and announces `message` (the outcome of an action: saved, erased, published…). */
export function announce(message: string): void {
  const region = document.getElementById(STATUS_ID);
  if (!region) return;
  region.textContent = '';
  // Set after a clear on a later task, so the same message twice is announced twice.
  setTimeout(() => { region.textContent = message; }, 30);
}

/** Empties the live region (a new page: the last page's result no longer applies). */
export function clearAnnouncement(): void {
  const region = document.getElementById(STATUS_ID);
  if (region) region.textContent = '';
}
