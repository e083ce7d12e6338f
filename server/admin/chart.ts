/** A per-day line chart in plain SVG, always followed by the same figures as a table (for screen readers and copying). */
import { html, svg } from 'lit';
import { count, day } from './format.js';
import { LightElement, define } from './light-element.js';

/** One day's counts. */
export interface DayCounts { day: string; [count: string]: string | number }

const value = (d: DayCounts, key: string): number => Number(d[key] ?? 0);

/** `<dc-day-chart>`: `series` (key, label) drawn over `days`; the table lists every day with any activity. */
export class DayChart extends LightElement {
  static override properties = { days: { attribute: false }, series: { attribute: false }, label: {} };
  declare days: DayCounts[];
  declare series: Array<[string, string]>;
  declare label: string;

  constructor() {
    super();
    this.days = [];
    this.series = [];
    this.label = 'Per day';
  }

  protected override render() {
    const { days, series } = this;
    const max = Math.max(1, ...days.flatMap((d) => series.map(([key]) => value(d, key))));
    // A 1000 × 100 drawing stretched to the box; strokes keep their width (vector-effect), labels are HTML.
    const x = (i: number) => (days.length < 2 ? 500 : (i / (days.length - 1)) * 1000);
    const y = (n: number) => 100 - (n / max) * 96;
    const active = days.filter((d) => series.some(([key]) => value(d, key)));
    const total = (key: string) => days.reduce((sum, d) => sum + value(d, key), 0);
    const summary = `${this.label}: ${series.map(([key, name]) => `${name} ${count(total(key))}`).join(', ')}. The table below lists each day.`;
    return html`
      <figure class="chart" aria-label=${this.label}>
        <div class="plot">
          <div class="yaxis" aria-hidden="true"><span>${count(max)}</span><span>0</span></div>
          <svg viewBox="0 0 1000 100" preserveAspectRatio="none" role="img" aria-label=${summary}>
            ${series.map(([key], i) => svg`<polyline class="s${i + 1}" vector-effect="non-scaling-stroke" points=${days.map((d, j) => `${x(j)},${y(value(d, key))}`).join(' ')}></polyline>`)}
          </svg>
        </div>
        <div class="xaxis" aria-hidden="true"><span>${days.length ? day(days[0].day) : ''}</span><span>${days.length ? day(days[days.length - 1].day) : ''}</span></div>
        <ul class="legend" aria-hidden="true">
          ${series.map(([, name], i) => html`<li><svg viewBox="0 0 26 10"><line class="s${i + 1}" x1="0" y1="5" x2="26" y2="5" stroke-width="2.5"></line></svg>${name}</li>`)}
        </ul>
      </figure>
      <div class="scroll tall" role="region" aria-label="${this.label}, as a table" tabindex="0">
        <table>
          <caption>${this.label}${active.length ? '' : ': no activity in this period'}</caption>
          <thead><tr><th scope="col">Day</th>${series.map(([, name]) => html`<th scope="col" class="num">${name}</th>`)}</tr></thead>
          <tbody>${active.map((d) => html`<tr><th scope="row">${d.day}</th>${series.map(([key]) => html`<td class="num">${count(value(d, key))}</td>`)}</tr>`)}</tbody>
        </table>
      </div>`;
  }
}

define('dc-day-chart', DayChart);

declare global {
  interface HTMLElementTagNameMap { 'dc-day-chart': DayChart }
}
