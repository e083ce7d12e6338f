/** The flow page: the published version and its history; upload or paste a new one, see its problems and changes, publish; restore. */
import { html } from 'lit';
import { api, type ApiProblem } from './api.js';
import { announce } from './announce.js';
import type { Confirm } from './confirm.js';
import { dateTime } from './format.js';
import { LightElement, define } from './light-element.js';
import './confirm.js';

/** A published version as `GET /admin/api/flows` lists it, newest first. */
export interface FlowVersion { version: number; publishedAt: string; restoredFrom: number | null }

/** One difference from the live version (`POST /admin/api/flow/check`). */
export interface FlowChange { path: string; kind: 'added' | 'removed' | 'changed' }

/** `<dc-flow>`. */
export class FlowPage extends LightElement {
  static override properties = {
    versions: { state: true }, problems: { state: true }, warnings: { state: true }, changes: { state: true }, checked: { state: true }, error: { state: true },
  };
  declare versions: FlowVersion[] | null;
  /** The document's problems, each with its path (empty: none found). */
  declare problems: ApiProblem[];
  /** What does not stop publishing but is worth a look (unreachable cards, unknown keys). */
  declare warnings: ApiProblem[];
  declare changes: FlowChange[] | null;
  /** The text that was checked and found valid (publishing sends exactly it). */
  declare checked: string | null;
  declare error: string;

  constructor() {
    super();
    this.versions = null;
    this.problems = [];
    this.warnings = [];
    this.changes = null;
    this.checked = null;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const answer = await api<{ flows: FlowVersion[] }>('GET', 'flows');
    this.error = answer.ok ? '' : answer.message;
    if (answer.ok) this.versions = answer.data.flows;
  }

  private get text(): string {
    return this.querySelector<HTMLTextAreaElement>('#flow-text')!.value;
  }

  /** The pasted text as JSON, or a problem at the document's root. */
  private parse(): { ok: true; doc: unknown } | { ok: false } {
    try {
      return { ok: true, doc: JSON.parse(this.text) };
    } catch (error) {
      this.problems = [{ path: '', message: `Not JSON: ${(error as Error).message}` }];
      this.changes = null;
      this.checked = null;
      return { ok: false };
    }
  }

  private async upload(event: Event): Promise<void> {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    this.querySelector<HTMLTextAreaElement>('#flow-text')!.value = await file.text();
    await this.check();
  }

  private edited(): void {
    this.checked = null;
    this.changes = null;
    this.problems = [];
    this.warnings = [];
  }

  /** Puts the live version in the text box, to edit it. */
  private async loadLive(): Promise<void> {
    const answer = await api<{ version: number; doc: unknown }>('GET', 'flow');
    if (!answer.ok) return void announce(`Not loaded: ${answer.message}`);
    const box = this.querySelector<HTMLTextAreaElement>('#flow-text')!;
    box.value = JSON.stringify(answer.data.doc, null, 2);
    this.edited();
    box.focus();
    announce(`Version ${answer.data.version} is in the text box.`);
  }

  private async check(): Promise<void> {
    const parsed = this.parse();
    if (!parsed.ok) return this.report();
    const answer = await api<{ errors: ApiProblem[]; warnings: ApiProblem[]; changes: FlowChange[] }>('POST', 'flow/check', parsed.doc);
    if (!answer.ok) {
      this.problems = answer.errors ?? [{ path: answer.path ?? '', message: answer.message }];
      this.changes = null;
      this.checked = null;
      return this.report();
    }
    this.problems = answer.data.errors;
    this.warnings = answer.data.warnings ?? [];
    this.changes = answer.data.changes;
    this.checked = this.problems.length ? null : this.text;
    this.report();
  }

  private report(): void {
    const n = this.problems.length;
    announce(n ? `${n} ${n === 1 ? 'problem' : 'problems'} found; nothing was published.`
      : `No problem found; ${this.changes?.length ?? 0} ${this.changes?.length === 1 ? 'change' : 'changes'} against the live version.`);
  }

  private async publish(): Promise<void> {
    const parsed = this.parse();
    if (!parsed.ok) return this.report();
    const answer = await api<{ version: number }>('PUT', 'flow', parsed.doc);
    if (!answer.ok) {
      this.problems = answer.errors ?? [{ path: answer.path ?? '', message: answer.message }];
      this.checked = null;
      return this.report();
    }
    this.querySelector<HTMLTextAreaElement>('#flow-text')!.value = '';
    this.edited();
    await this.load();
    announce(`Published as version ${answer.data.version}. Visitors get it on their next page load.`);
  }

  private async restore(version: number): Promise<void> {
    const yes = await this.querySelector<Confirm>('dc-confirm')!.ask(`Restore version ${version}?`,
      `Version ${version} is published again as a new version; the live one stays in the history.`, `Restore version ${version}`);
    if (!yes) return;
    const answer = await api<{ version: number }>('POST', `flows/${version}/restore`);
    if (!answer.ok) {
      // A version the current rules reject shows its problems as a publish does.
      if (answer.errors) this.problems = answer.errors;
      return void announce(`Not restored: ${answer.message}`);
    }
    await this.load();
    announce(`Version ${version} restored as version ${answer.data.version}.`);
  }

  protected override render() {
    const [live, ...older] = this.versions ?? [];
    return html`
      <h1>Flow</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <h2>Live version</h2>
      ${this.versions ? live ? html`<dl class="facts card"><dt>Version</dt><dd>${live.version}${live.restoredFrom ? ` (restored from version ${live.restoredFrom})` : ''}</dd>
        <dt>Published</dt><dd>${dateTime(live.publishedAt)}</dd><dt>Served at</dt><dd><a href="/flow.json">/flow.json</a></dd></dl>`
        : html`<p>No flow is published yet.</p>` : html`<p aria-busy="true">Loading…</p>`}
      <h2>Publish a new version</h2>
      <div class="card">
        <p><button type="button" ?disabled=${!live} @click=${this.loadLive}>Edit the live version</button></p>
        <div class="field"><label for="flow-file">Upload a flow file</label>
          <input id="flow-file" type="file" accept=".json,application/json" @change=${this.upload}></div>
        <div class="field"><label for="flow-text">Or paste the flow (JSON)</label>
          <textarea id="flow-text" spellcheck="false" @input=${this.edited} aria-describedby="flow-help"></textarea>
          <span id="flow-help" class="muted">Check shows every problem with its path and the changes against the live version.</span></div>
        <div class="actions">
          <button type="button" @click=${this.check}>Check</button>
          <button type="button" class="primary" ?disabled=${this.checked === null} @click=${this.publish}>Publish</button>
        </div>
        ${this.problems.length ? html`<h3 id="problems-h">Problems (${this.problems.length})</h3>
          <ul class="errors" aria-labelledby="problems-h">${this.problems.map((p) => html`<li><code>${p.path || '/'}</code>: ${p.message}</li>`)}</ul>` : ''}
        ${this.warnings.length ? html`<h3 id="warnings-h">Warnings (${this.warnings.length}): they do not stop publishing</h3>
          <ul class="warnings" aria-labelledby="warnings-h">${this.warnings.map((p) => html`<li><code>${p.path || '/'}</code>: ${p.message}</li>`)}</ul>` : ''}
        ${this.changes ? html`<h3 id="changes-h">Changes against the live version (${this.changes.length})</h3>
          ${this.changes.length ? html`<ul class="changes" aria-labelledby="changes-h">${this.changes.map((c) => html`<li>${c.kind}: <code>${c.path || '/'}</code></li>`)}</ul>`
            : html`<p>None: this is the live version.</p>`}` : ''}
      </div>
      <h2>History</h2>
      ${older.length ? html`<div class="scroll" role="region" aria-label="Earlier versions" tabindex="0"><table>
        <thead><tr><th scope="col">Version</th><th scope="col">Published</th><th scope="col">Note</th><th scope="col">Action</th></tr></thead>
        <tbody>${older.map((v) => html`<tr><th scope="row">${v.version}</th><td class="when">${dateTime(v.publishedAt)}</td>
          <td>${v.restoredFrom ? `restored from version ${v.restoredFrom}` : ''}</td>
          <td><button type="button" class="small" @click=${() => this.restore(v.version)}>Restore version ${v.version}</button></td></tr>`)}</tbody>
      </table></div>` : html`<p class="muted">No earlier version.</p>`}
      <dc-confirm></dc-confirm>`;
  }
}

define('dc-flow', FlowPage);

declare global {
  interface HTMLElementTagNameMap { 'dc-flow': FlowPage }
}
