// custom-elements.json (written by `npm run build`) is what editors and the framework type
// generators read: it must describe the element's public surface as the contract names it.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Member { kind: string; name: string; type?: { text: string }; attribute?: string; reflects?: boolean; privacy?: string; static?: boolean }
interface Declaration { tagName?: string; attributes?: Array<{ name: string; type?: { text: string }; fieldName?: string }>; members?: Member[] }

const file = new URL('../../custom-elements.json', import.meta.url);

function element(): Declaration {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { modules: Array<{ declarations?: Declaration[] }> };
  const found = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'dynamic-chat');
  if (!found) throw new Error('custom-elements.json declares no dynamic-chat');
  return found;
}

describe('custom-elements.json', () => {
  it('exists (run `npm run build` first)', () => {
    expect(existsSync(file), 'custom-elements.json is missing: run `npm run build`').toBe(true);
  });

  it('lists open as a reflected boolean attribute and property, and show/close/toggle as methods', () => {
    const { attributes = [], members = [] } = element();
    expect(attributes.find((a) => a.name === 'open')).toMatchObject({ type: { text: 'boolean' }, fieldName: 'open' });
    const publicMembers = members.filter((m) => !m.static && (m.privacy ?? 'public') === 'public');
    expect(publicMembers.filter((m) => m.name === 'open')).toEqual([
      expect.objectContaining({ kind: 'field', type: { text: 'boolean' }, attribute: 'open', reflects: true }),
    ]);
    const methods = publicMembers.filter((m) => m.kind === 'method').map((m) => m.name);
    expect(methods).toEqual(expect.arrayContaining(['show', 'close', 'toggle', 'start', 'reset', 'identify']));
    expect(publicMembers.map((m) => m.name)).not.toContain('isOpen');
  });
});
