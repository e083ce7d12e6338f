/**
 * What publishing a flow would change, for a person to review: a list of JSON-pointer paths,
 * each added, removed or changed. Objects (settings, the cards map) are compared key by key;
 * lists whose items all have an `id` (dialogues, agents) are matched by id, so moving a dialogue
 * is one change, not every index after it; other lists (options, pages, hours) are one value.
 */

/** One difference between the live flow and a candidate. */
export interface FlowChange { path: string; kind: 'added' | 'removed' | 'changed' }

/** The differences from `live` to `next`, in document order; empty when they are the same. */
export function diffFlows(live: unknown, next: unknown): FlowChange[] {
  const changes: FlowChange[] = [];
  compare(live, next, '', changes);
  return changes;
}

type Json = Record<string, unknown>;

function compare(a: unknown, b: unknown, path: string, out: FlowChange[]): void {
  if (isObject(a) && isObject(b)) {
    for (const key of Object.keys(b)) {
      const at = `${path}/${pointer(key)}`;
      if (!Object.hasOwn(a, key)) out.push({ path: at, kind: 'added' });
      else compare(a[key], b[key], at, out);
    }
    for (const key of Object.keys(a)) if (!Object.hasOwn(b, key)) out.push({ path: `${path}/${pointer(key)}`, kind: 'removed' });
    return;
  }
  if (isKeyed(a) && isKeyed(b)) {
    const before = new Map(a.map((item, i) => [item.id, { item, i }]));
    const after = new Set(b.map((item) => item.id));
    b.forEach((item, i) => {
      const old = before.get(item.id);
      if (!old) out.push({ path: `${path}/${i}`, kind: 'added' });
      else if (old.i !== i) out.push({ path: `${path}/${i}`, kind: 'changed' });
      // Moved or not, its contents are compared too (paths name its place in the new document).
      if (old) compare(old.item, item, `${path}/${i}`, out);
    });
    a.forEach((item, i) => {
      if (!after.has(item.id)) out.push({ path: `${path}/${i}`, kind: 'removed' });
    });
    return;
  }
  if (!same(a, b)) out.push({ path, kind: 'changed' });
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A list of objects that each have a distinct string id. */
function isKeyed(value: unknown): value is Array<Json & { id: string }> {
  return Array.isArray(value) && value.length > 0 && value.every((item) => isObject(item) && typeof item.id === 'string')
    && new Set(value.map((item) => (item as Json).id)).size === value.length;
}

/** Deep equality of JSON values, ignoring key order (the database reorders keys). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => same(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && same(a[key], b[key]));
  }
  return false;
}

function pointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
