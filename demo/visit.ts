/** The Visit tab: simulate page, visitor, device and time; see which dialogue plays and why each did or did not match. */
import { html, nothing, render } from 'lit';
import { resolveDialogue, type Flow } from 'dynamic-chat/engine';
import { ROUTES } from './site.js';
import { $flow, $visit, leadOf, SITE_ORIGIN, type Visit } from './store.js';

// A typed path ("/pricing?x=1") is taken on the demo's host; junk falls back to the home page.
const absolute = (typed: string): string => {
  try { return new URL(typed.trim() || '/', SITE_ORIGIN).href; } catch { return `${SITE_ORIGIN}/`; }
};

const INDUSTRIES = ['Software', 'Fintech', 'Retail', 'Manufacturing', 'Healthcare', 'Logistics'];

/** The simulated visit as resolveDialogue's context (a first-time visitor: nothing completed or seen yet). */
export function resolveVisit(flow: Flow, visit: Visit): ReturnType<typeof resolveDialogue> {
  const lead = leadOf(visit);
  return resolveDialogue(flow, {
    url: visit.url,
    referrer: '',
    lead,
    company: (lead.company as Record<string, unknown> | undefined) ?? {},
    device: visit.device,
    now: visit.at ? new Date(visit.at) : new Date(),
    completed: [],
    sessionSeen: [],
  });
}

/** Mounts the Visit tab; `playNow` starts a dialogue in the widget at once. */
export function mountVisit(host: HTMLElement, playNow: (dialogueId: string) => void): void {
  const update = (patch: Partial<Visit>): void => $visit.set({ ...$visit.get(), ...patch });
  const field = (key: keyof Visit, label: string, type = 'text') => html`
    <label>${label}
      <input type=${type} .value=${String($visit.get()[key])} ?disabled=${!$visit.get().known}
        list=${key === 'industry' ? 'industries' : nothing}
        @change=${(e: Event) => update({ [key]: (e.target as HTMLInputElement).value })}>
    </label>`;

  const paint = (): void => {
    const visit = $visit.get();
    const flow = $flow.get();
    const result = flow ? resolveVisit(flow, visit) : null;
    const nameOf = (id: string | null): string => flow?.dialogues.find((d) => d.id === id)?.name ?? id ?? '';
    render(html`
      <section aria-labelledby="verdict-title" class="verdict">
        <h2 id="verdict-title">Which dialogue plays</h2>
        ${!result ? html`<p>No valid flow yet.</p>` : html`
          <p id="verdict" class=${result.dialogueId ? 'good' : ''}>
            ${result.dialogueId ? html`<strong>${nameOf(result.dialogueId)}</strong> <code>${result.dialogueId}</code>` : 'Nothing targets this visit.'}
          </p>
          ${result.dialogueId ? html`<button type="button" @click=${() => playNow(result.dialogueId!)}>Play it now (skip the trigger)</button>` : nothing}
          <ul class="explain" id="explain" aria-label="Why each dialogue did or did not match">
            ${result.explain.map((e) => html`
              <li class=${e.matched ? (e.dialogueId === result.dialogueId ? 'good' : 'meh') : 'bad'}>
                <span aria-hidden="true">${e.dialogueId === result.dialogueId ? '▶' : e.matched ? '✓' : '✗'}</span>
                <strong>${nameOf(e.dialogueId)}</strong> <code>${e.dialogueId}</code><br><span class="reason">${e.reason}</span>
              </li>`)}
          </ul>
          <p class="note">As a first-time visitor. The widget itself targets with this browser's real device and clock and
            remembers completed dialogues; "Play it now" plays the simulated choice regardless.</p>`}
      </section>
      <fieldset>
        <legend>Page</legend>
        <label>Page URL <input id="page-url" type="url" .value=${visit.url}
          @change=${(e: Event) => update({ url: absolute((e.target as HTMLInputElement).value) })}></label>
        <div class="chips" role="group" aria-label="Routes">
          ${ROUTES.map((r) => html`<button type="button" aria-pressed=${String(new URL(visit.url, SITE_ORIGIN).pathname === r.path)}
            @click=${() => update({ url: SITE_ORIGIN + r.path })}>${r.label}</button>`)}
          <button type="button" @click=${() => update({ url: `${SITE_ORIGIN}/?utm_campaign=spring` })}>Home + ?utm_campaign=spring</button>
        </div>
      </fieldset>
      <fieldset>
        <legend>Visitor</legend>
        <div class="chips" role="radiogroup" aria-label="Visitor">
          <label><input type="radio" name="visitor" .checked=${!visit.known} @change=${() => update({ known: false })}> Anonymous</label>
          <label><input type="radio" name="visitor" .checked=${visit.known} @change=${() => update({ known: true })}> Known lead</label>
        </div>
        <div class="grid2">
          ${field('email', 'Email', 'email')} ${field('firstName', 'First name')}
          ${field('companyName', 'Company name')} ${field('companySize', 'Company size', 'number')}
          ${field('industry', 'Industry')}
        </div>
        <datalist id="industries">${INDUSTRIES.map((i) => html`<option value=${i}></option>`)}</datalist>
      </fieldset>
      <fieldset>
        <legend>Device and time</legend>
        <div class="chips" role="radiogroup" aria-label="Device">
          <label><input type="radio" name="device" .checked=${visit.device === 'desktop'} @change=${() => update({ device: 'desktop' })}> Desktop</label>
          <label><input type="radio" name="device" .checked=${visit.device === 'mobile'} @change=${() => update({ device: 'mobile' })}> Mobile</label>
        </div>
        <label>Date and time (your time zone; empty = now)
          <input type="datetime-local" .value=${visit.at} @change=${(e: Event) => update({ at: (e.target as HTMLInputElement).value })}>
        </label>
        ${visit.at ? html`<button type="button" @click=${() => update({ at: '' })}>Use the real clock</button>` : nothing}
      </fieldset>
`, host);
  };
  $visit.subscribe(paint);
  $flow.subscribe(paint);
}
