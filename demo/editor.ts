/** The Flow tab: sample picker, JSON editor with a line-number gutter, and the problem list that jumps to lines. */
import { html, nothing, render } from 'lit';
import northwind from './flows/northwind.json?raw';
import support from './flows/support.json?raw';
import campaign from './flows/campaign.json?raw';
import { setDraft } from './draft.js';
import { $draft, $problems, SAMPLES, type SampleName, type ShownProblem } from './store.js';

/** The sample flows' texts by name. */
export const SAMPLE_TEXT: Record<SampleName, string> = { northwind, support, campaign };

const SAMPLE_LABEL: Record<SampleName, string> = {
  northwind: 'Northwind (pricing, blog)',
  support: 'Docs helper (schedule, mobile)',
  campaign: 'Spring campaign (UTM, retail)',
};

/** Mounts the Flow tab into `host`. */
export function mountEditor(host: HTMLElement): void {
  render(html`
    <div class="row">
      <label for="sample">Sample flow</label>
      <select id="sample">
        <option value="">— pick a sample —</option>
        ${SAMPLES.map((s) => html`<option value=${s}>${SAMPLE_LABEL[s]}</option>`)}
      </select>
      <button type="button" id="format">Format</button>
    </div>
    <div class="editor">
      <pre class="gutter" id="gutter" aria-hidden="true"></pre>
      <textarea id="flow-json" spellcheck="false" autocomplete="off" autocapitalize="off" wrap="off"
        aria-label="Flow JSON" aria-describedby="problem-summary"></textarea>
    </div>
    <p id="problem-summary" class="summary" role="status"></p>
    <ol id="problems" class="problems" aria-label="Problems"></ol>
    <section class="tour" aria-labelledby="tour-title">
      <h2 id="tour-title">Your first minute</h2>
      <ol>
        <li>On Pricing, the bot pokes after 3 seconds: open the chat, pick <em>Talk to sales</em> and book a call.</li>
        <li>Visit → <em>Known lead</em>: another dialogue plays, and the list says why each one did or did not.</li>
        <li>Break the JSON here: every problem is listed with its path; the chat keeps the last valid flow.</li>
        <li>Graph follows the conversation; Log shows every event and request; Data shows the meetings and the report.</li>
      </ol>
    </section>`, host);

  const textarea = host.querySelector<HTMLTextAreaElement>('#flow-json')!;
  const gutter = host.querySelector<HTMLElement>('#gutter')!;
  const sample = host.querySelector<HTMLSelectElement>('#sample')!;
  let timer: ReturnType<typeof setTimeout> | undefined;

  textarea.addEventListener('input', () => {
    paintGutter(textarea.value, $problems.get());
    clearTimeout(timer);
    timer = setTimeout(() => setDraft(textarea.value), 120);
  });
  textarea.addEventListener('scroll', () => { gutter.scrollTop = textarea.scrollTop; });
  sample.addEventListener('change', () => {
    if (sample.value) setDraft(SAMPLE_TEXT[sample.value as SampleName]);
  });
  host.querySelector('#format')!.addEventListener('click', () => {
    try { setDraft(JSON.stringify(JSON.parse(textarea.value), null, 2)); } catch { textarea.focus(); }
  });

  const jumpTo = (line: number): void => {
    const lines = textarea.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    textarea.focus();
    textarea.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 18;
    textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
  };

  const paintGutter = (text: string, problems: readonly ShownProblem[]): void => {
    const errorLines = new Set(problems.filter((p) => p.level !== 'warning').map((p) => p.line));
    const warnLines = new Set(problems.map((p) => p.line));
    const count = text.split('\n').length;
    render(Array.from({ length: count }, (_, i) => {
      const n = i + 1;
      const cls = errorLines.has(n) ? 'bad' : warnLines.has(n) ? 'warn' : '';
      return html`<span class=${cls}>${n}</span>\n`;
    }), gutter);
    gutter.scrollTop = textarea.scrollTop;
  };

  const paintProblems = (problems: readonly ShownProblem[]): void => {
    const errors = problems.filter((p) => p.level !== 'warning').length;
    const warnings = problems.length - errors;
    host.querySelector('#problem-summary')!.textContent = errors
      ? `${errors} error${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}: the preview keeps playing the last valid flow.`
      : `Valid${warnings ? ` with ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}: the preview plays this flow.`;
    host.querySelector('#problem-summary')!.className = `summary ${errors ? 'bad' : 'good'}`;
    render(problems.map((p) => html`
      <li class=${p.level === 'warning' ? 'warn' : 'bad'}>
        <button type="button" @click=${() => jumpTo(p.line)}>
          <span class="where">line ${p.line}</span>
          ${p.path ? html`<code class="path">${p.path}</code>` : nothing}
          <span class="what">${p.level === 'warning' ? 'warning: ' : ''}${p.message}</span>
        </button>
      </li>`), host.querySelector<HTMLElement>('#problems')!);
  };

  $draft.subscribe((text) => {
    if (textarea.value !== text) textarea.value = text;
    const known = (Object.keys(SAMPLE_TEXT) as SampleName[]).find((s) => SAMPLE_TEXT[s] === text);
    if (known) sample.value = known;
    paintGutter(text, $problems.get());
  });
  $problems.subscribe((problems) => {
    paintProblems(problems);
    paintGutter($draft.get(), problems);
  });
}
