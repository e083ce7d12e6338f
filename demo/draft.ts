/** The editor's draft: validated on every change; the preview only ever receives a valid flow. */
import { validateFlow, type Flow } from 'dynamic-chat/engine';
import { lineOf, scanJson } from './json-scan.js';
import { $draft, $flow, $problems, type ShownProblem } from './store.js';

/** What a draft amounts to: the flow it makes (null when invalid) and every problem with its line. */
export function checkDraft(text: string): { flow: Flow | null; problems: ShownProblem[] } {
  const scanned = scanJson(text);
  if (!scanned.ok) {
    return { flow: null, problems: [{ path: '', message: `Not valid JSON: ${scanned.message} (line ${scanned.line}, column ${scanned.column})`, line: scanned.line, level: 'error' }] };
  }
  const result = validateFlow(scanned.value);
  const listed = result.ok ? result.warnings.map((w) => ({ ...w, level: 'warning' as const })) : result.errors;
  const problems = listed.map((p) => ({ ...p, level: p.level ?? 'error', line: lineOf(scanned.lines, p.path) }));
  problems.sort((a, b) => (a.level === b.level ? a.line - b.line : a.level === 'error' ? -1 : 1));
  return { flow: result.ok ? result.flow : null, problems };
}

/** Replaces the draft; a valid draft becomes the previewed flow, an invalid one leaves the last valid flow playing. */
export function setDraft(text: string): void {
  $draft.set(text);
  const { flow, problems } = checkDraft(text);
  $problems.set(problems);
  if (flow) $flow.set(flow);
}

/** Edits `settings` in the draft (the draft must be valid JSON); false when the draft cannot be edited. */
export function editSettings(edit: (settings: Record<string, unknown>) => void): boolean {
  let doc: unknown;
  try { doc = JSON.parse($draft.get()); } catch { return false; }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false;
  const record = doc as Record<string, unknown>;
  const settings = typeof record.settings === 'object' && record.settings !== null && !Array.isArray(record.settings)
    ? record.settings as Record<string, unknown> : {};
  edit(settings);
  setDraft(JSON.stringify({ ...record, settings }, null, 2));
  return true;
}

/** A nested object inside settings (created when missing), for controls that edit `settings.theme` etc. */
export function child(settings: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = settings[key];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  const created: Record<string, unknown> = {};
  settings[key] = created;
  return created;
}
