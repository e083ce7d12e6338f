/** The dashboard's one style sheet (adopted by the document: no inline style, so the strict CSP holds), light and dark. */
import { css } from 'lit';

/** Tokens (the page's meta color-scheme makes form controls follow the scheme), layout, tables, forms, the chart; dark values follow prefers-color-scheme. */
export const styles = css`
  :root {
    --bg: #f6f7f9; --surface: #fff; --text: #1f2933; --muted: #52606d; --line: #d9dee4; --accent: #3451b2; --accent-text: #fff;
    --danger: #b42318; --ok: #1b7f3b; --warn: #9a5b00; --focus: #1a56db; --row: #f1f3f6;
    --s1: #3451b2; --s2: #0f7b6c; --s3: #b25b00; --s4: #8e44ad; --s5: #c0392b; --s6: #52606d;
    font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', sans-serif;
  }
  @media (prefers-color-scheme: dark) {
    :root {
      --bg: #111418; --surface: #1b1f24; --text: #e6e9ee; --muted: #a9b3bf; --line: #343b44; --accent: #8ea2f5; --accent-text: #0d1117;
      --danger: #ff8a80; --ok: #6fcf97; --warn: #f5b14c; --focus: #9fb4ff; --row: #222830;
      --s1: #8ea2f5; --s2: #4fd1b5; --s3: #f5a65b; --s4: #c99cf0; --s5: #ff8a80; --s6: #aeb8c4;
    }
  }
  * { box-sizing: border-box; }
  body { margin: 0; background: var(--bg); color: var(--text); }
  a { color: var(--accent); }
  :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
  h1 { font-size: 1.6rem; margin: 0 0 16px; }
  h2 { font-size: 1.2rem; margin: 28px 0 10px; }
  h3 { font-size: 1rem; margin: 20px 0 8px; }
  h1:focus { outline: none; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
  .skip { position: absolute; left: 8px; top: -48px; background: var(--surface); padding: 8px 12px; z-index: 2; }
  .skip:focus { top: 8px; }
  .muted { color: var(--muted); }

  header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 20px; padding: 10px 24px; background: var(--surface); border-bottom: 1px solid var(--line); }
  .brand { font-weight: 700; }
  header.top nav ul { display: flex; flex-wrap: wrap; gap: 4px; list-style: none; margin: 0; padding: 0; }
  header.top nav a { display: block; padding: 6px 10px; border-radius: 6px; text-decoration: none; color: var(--text); }
  header.top nav a[aria-current='page'] { background: var(--accent); color: var(--accent-text); }
  header.top nav a:hover { text-decoration: underline; }
  header.top .signout { margin-left: auto; }
  main { max-width: 1120px; margin: 0 auto; padding: 20px 24px 48px; }
  main.narrow { max-width: 420px; padding-top: 12vh; }
  .status { max-width: 1120px; margin: 12px auto 0; padding: 0 24px; }
  /* Kept in the page when empty (a live region must exist before its text), only without a box. */
  .status:has(.status-box:empty) { margin: 0; }
  .status-box:empty { padding: 0; border: 0; }
  .status-box { border-left: 4px solid var(--accent); background: var(--surface); padding: 8px 12px; margin: 0; }

  button, .button, input, select, textarea { font: inherit; color: inherit; }
  button, .button {
    display: inline-flex; align-items: center; gap: 6px; min-height: 36px; padding: 6px 14px; border-radius: 6px; cursor: pointer;
    border: 1px solid var(--line); background: var(--surface); text-decoration: none; color: var(--text);
  }
  button.primary, .button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
  button.danger { background: var(--danger); border-color: var(--danger); color: var(--surface); }
  button.small { min-height: 30px; padding: 3px 10px; font-size: 0.9em; }
  button:disabled { opacity: 0.55; cursor: not-allowed; }
  button[aria-pressed='true'] { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
  input:not([type='checkbox']), select, textarea { min-height: 36px; padding: 6px 10px; border: 1px solid var(--muted); border-radius: 6px; background: var(--surface); max-width: 100%; }
  textarea { width: 100%; min-height: 240px; font-family: ui-monospace, monospace; font-size: 0.85rem; }
  label { font-weight: 600; }
  .field { display: flex; flex-direction: column; gap: 4px; margin-bottom: 12px; }
  .row { display: flex; flex-wrap: wrap; gap: 10px 14px; align-items: flex-end; margin-bottom: 14px; }
  .row .field { margin-bottom: 0; }
  fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 12px; }
  fieldset label { font-weight: 400; margin-right: 14px; white-space: nowrap; }
  .card { background: var(--surface); border: 1px solid var(--line); border-radius: 8px; padding: 16px; margin-bottom: 16px; }
  .card > :first-child { margin-top: 0; }
  input[type='checkbox'] { margin: 0 4px 0 0; vertical-align: -2px; }
  .error { color: var(--danger); }
  .ok { color: var(--ok); }
  .warn { color: var(--warn); }
  .errors { color: var(--danger); padding-left: 20px; }
  .warnings { color: var(--warn); padding-left: 20px; }
  .errors code, .changes code, .warnings code { overflow-wrap: anywhere; }
  .actions { display: flex; flex-wrap: wrap; gap: 6px; }

  .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin: 0 0 8px; }
  .figures div { background: var(--surface); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
  .figures dt { color: var(--muted); font-size: 0.85rem; }
  .figures dd { margin: 0; font-size: 1.5rem; font-weight: 700; }

  .scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; }
  /* Shadows at an edge with more table behind it (a phone): the covers scroll with the content, the shadows stay. */
  .scroll {
    background:
      linear-gradient(to right, var(--surface) 30%, transparent) left / 40px 100% no-repeat local,
      linear-gradient(to left, var(--surface) 30%, transparent) right / 40px 100% no-repeat local,
      radial-gradient(farthest-side at 0 50%, rgb(0 0 0 / 0.25), transparent) left / 14px 100% no-repeat scroll,
      radial-gradient(farthest-side at 100% 50%, rgb(0 0 0 / 0.25), transparent) right / 14px 100% no-repeat scroll,
      var(--surface);
  }
  .scroll.tall { max-height: 360px; overflow-y: auto; }
  .scroll + .card, .scroll + h2, .scroll + h3 { margin-top: 16px; }
  table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
  caption { text-align: left; padding: 8px 12px; font-weight: 600; }
  th, td { text-align: left; padding: 7px 12px; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { background: var(--row); }
  tbody th { background: none; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  tbody tr:last-child > * { border-bottom: 0; }
  td .button, td button, td.when { white-space: nowrap; }
  /* Long emails and URLs break only when they cannot fit on a line of their own. */
  .email { overflow-wrap: break-word; }
  td .actions { flex-wrap: nowrap; }
  tbody th { white-space: nowrap; }
  .pager { display: flex; gap: 8px; align-items: center; margin-top: 12px; }

  .badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 0.82rem; border: 1px solid currentColor; }
  .agents { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
  .agents li { display: grid; grid-template-columns: 2.2em 1fr auto; gap: 6px 14px; align-items: center; background: var(--surface); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
  .agents .pos { font-size: 1.3rem; font-weight: 700; color: var(--muted); }
  .agents .name { font-weight: 700; margin-right: 8px; }
  .agents li.next { border-color: var(--accent); box-shadow: inset 4px 0 0 var(--accent); }

  figure { margin: 0; }
  .chart { background: var(--surface); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; margin-bottom: 12px; }
  .chart .plot { display: grid; grid-template-columns: auto 1fr; gap: 6px; }
  .chart .yaxis { display: flex; flex-direction: column; justify-content: space-between; font-size: 0.8rem; color: var(--muted); text-align: right; }
  .chart svg { width: 100%; height: 200px; display: block; border-left: 1px solid var(--line); border-bottom: 1px solid var(--line); }
  .chart .xaxis { display: flex; justify-content: space-between; font-size: 0.8rem; color: var(--muted); margin-left: 2.5em; }
  .chart polyline { fill: none; stroke-width: 2; }
  .chart .legend { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; margin: 10px 0 0; font-size: 0.85rem; }
  .chart .legend svg { width: 26px; height: 10px; display: inline-block; border: 0; vertical-align: middle; margin-right: 4px; }
  .s1 { stroke: var(--s1); } .s2 { stroke: var(--s2); stroke-dasharray: 6 3; } .s3 { stroke: var(--s3); stroke-dasharray: 2 3; }
  .s4 { stroke: var(--s4); stroke-dasharray: 8 3 2 3; } .s5 { stroke: var(--s5); stroke-dasharray: 1 2; } .s6 { stroke: var(--s6); stroke-dasharray: 10 4; }

  .meeting-cards { list-style: none; margin: 0; padding: 0; }
  .meeting-cards .card p { margin: 0 0 8px; }
  dialog { border: 1px solid var(--line); border-radius: 10px; background: var(--surface); color: var(--text); max-width: min(460px, calc(100vw - 32px)); padding: 20px; }
  dialog::backdrop { background: rgb(0 0 0 / 0.45); }
  dialog h2 { margin-top: 0; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 16px; }
  dl.facts dt { color: var(--muted); }
  dl.facts dd { margin: 0; overflow-wrap: anywhere; }

  @media (max-width: 600px) {
    header.top { padding: 8px 12px; gap: 6px 10px; }
    header.top nav { order: 3; width: 100%; }
    header.top nav a { padding: 5px 8px; }
    main { padding: 14px 12px 40px; }
    .status { padding: 0 12px; }
    h1 { font-size: 1.35rem; }
    .figures { grid-template-columns: repeat(2, 1fr); }
    .agents li { grid-template-columns: 1.6em 1fr; }
    .agents li .actions { grid-column: 1 / -1; }
    .row > .field, .row > .field input, .row > .field select, .row > form.row { width: 100%; }
    .row > form.row > .field { flex: 1 1 auto; width: auto; }
    .row > form.row { margin-bottom: 0; }
  }
`;
