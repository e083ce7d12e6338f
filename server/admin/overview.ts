/** The overview page: the report of contract §3 for the last 7, 30 or 90 days, all dialogues or one, per day. */
import { html } from 'lit';
import { api } from './api.js';
import type { DayCounts } from './chart.js';
import { count, percent } from './format.js';
import { LightElement, define } from './light-element.js';
import './chart.js';

/** The counts the report gives for a dialogue (and per day). */
const COUNTS: Array<[string, string]> = [
  ['triggered', 'Triggered'], ['engaged', 'Engaged'], ['completed', 'Completed'], ['acquired', 'People acquired'], ['meetings', 'Meetings'], ['goals', 'Goals'],
];

type Counts = Record<'triggered' | 'engaged' | 'completed' | 'acquired' | 'meetings' | 'goals', number>;
/** `GET /admin/api/report`. */
interface Report {
  dialogues: Array<Counts & { dialogueId: string; engagementRate: number; conversionRate: number }>;
  daily: Array<Counts & { day: string; dialogueId: string }>;
}

/** Sums of counts over rows, with the rates the engine defines (engaged / triggered, completed / triggered). */
function totals(rows: Counts[]): Counts & { engagementRate: number; conversionRate: number } {
  const sum = Object.fromEntries(COUNTS.map(([key]) => [key, rows.reduce((n, row) => n + ((row as Record<string, number>)[key] ?? 0), 0)])) as Counts;
  return { ...sum, engagementRate: sum.triggered ? sum.engaged / sum.triggered : 0, conversionRate: sum.triggered ? sum.completed / sum.triggered : 0 };
}

/** Every UTC day of the period, oldest first, with the counts of `dialogueId` (or all). */
function perDay(report: Report, days: number, dialogueId: string): DayCounts[] {
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  return Array.from({ length: days }, (_, i) => {
    const name = new Date(today - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return { day: name, ...totals(report.daily.filter((row) => row.day === name && (!dialogueId || row.dialogueId === dialogueId))) };
  });
}

/** `<dc-overview>`. */
export class Overview extends LightElement {
  static override properties = { days: { state: true }, dialogue: { state: true }, report: { state: true }, error: { state: true } };
  declare days: number;
  declare dialogue: string;
  declare report: Report | null;
  declare error: string;

  constructor() {
    super();
    this.days = 30;
    this.dialogue = '';
    this.report = null;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const answer = await api<Report>('GET', `report?days=${this.days}`);
    this.error = answer.ok ? '' : answer.message;
    this.report = answer.ok ? answer.data : null;
  }

  private pickDays(event: Event): void {
    this.days = Number((event.target as HTMLSelectElement).value);
    void this.load();
  }

  protected override render() {
    const report = this.report;
    const rows = report ? report.dialogues.filter((row) => !this.dialogue || row.dialogueId === this.dialogue) : [];
    const sum = totals(rows);
    const figures: Array<[string, string]> = [
      ...COUNTS.map(([key, label]): [string, string] => [label, count(sum[key as keyof Counts])]),
      ['Engagement rate', percent(sum.engagementRate)], ['Conversion rate', percent(sum.conversionRate)],
    ];
    return html`
      <h1>Overview</h1>
      <form class="row" @submit=${(e: Event) => e.preventDefault()}>
        <div class="field"><label for="days">Period</label>
          <select id="days" @change=${this.pickDays}>
            ${[7, 30, 90].map((n) => html`<option value=${n} ?selected=${n === this.days}>Last ${n} days</option>`)}
          </select></div>
        <div class="field"><label for="dialogue">Dialogue</label>
          <select id="dialogue" @change=${(e: Event) => { this.dialogue = (e.target as HTMLSelectElement).value; }}>
            <option value="">All dialogues</option>
            ${report?.dialogues.map((row) => html`<option value=${row.dialogueId} ?selected=${row.dialogueId === this.dialogue}>${row.dialogueId}</option>`)}
          </select></div>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${report ? html`
        <h2>${this.dialogue ? `Dialogue ${this.dialogue}` : 'All dialogues'}, last ${this.days} days</h2>
        <dl class="figures">${figures.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>
        <h2>Per day</h2>
        <dc-day-chart .label=${"Counts per day (UTC)"} .series=${COUNTS} .days=${perDay(report, this.days, this.dialogue)}></dc-day-chart>
        <h2>Per dialogue</h2>
        <div class="scroll" role="region" aria-label="Per dialogue" tabindex="0">
          <table>
            <thead><tr><th scope="col">Dialogue</th>${COUNTS.map(([, label]) => html`<th scope="col" class="num">${label}</th>`)}
              <th scope="col" class="num">Engagement rate</th><th scope="col" class="num">Conversion rate</th></tr></thead>
            <tbody>
              ${report.dialogues.map((row) => html`<tr><th scope="row">${row.dialogueId}</th>${COUNTS.map(([key]) => html`<td class="num">${count(row[key as keyof Counts])}</td>`)}
                <td class="num">${percent(row.engagementRate)}</td><td class="num">${percent(row.conversionRate)}</td></tr>`)}
              ${report.dialogues.length ? '' : html`<tr><td colspan="9">No dialogue was triggered in this period.</td></tr>`}
            </tbody>
          </table>
        </div>` : this.error ? '' : html`<p aria-busy="true">Loading the report…</p>`}`;
  }
}

define('dc-overview', Overview);

declare global {
  interface HTMLElementTagNameMap { 'dc-overview': Overview }
}
