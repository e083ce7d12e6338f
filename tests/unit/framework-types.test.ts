// The framework declarations come from custom-elements.json: a property is typed by the class, an
// attribute by its property, every event by the manifest, and every framework names every tag.
import { describe, expect, it } from 'vitest';
import { frameworkTypes } from '../../scripts/framework-types.mjs';

const manifest = {
  schemaVersion: '1.0.0',
  modules: [{
    kind: 'javascript-module',
    path: 'src/ui/x-chat.ts',
    declarations: [{
      kind: 'class', name: 'XChat', tagName: 'x-chat', customElement: true, summary: 'A chat.',
      members: [
        { kind: 'field', name: 'flow', type: { text: 'Flow | undefined' }, description: 'The flow.' },
        { kind: 'field', name: 'pageUrl', type: { text: 'string' } },
        { kind: 'field', name: 'state', readonly: true, type: { text: 'Snapshot' } },
        { kind: 'field', name: '#draft', privacy: 'private' },
        { kind: 'field', name: 'signal', privacy: 'protected' },
        { kind: 'field', name: 'styles', static: true },
        { kind: 'method', name: 'show' },
      ],
      attributes: [
        { name: 'page-url', fieldName: 'pageUrl' },
        { name: 'legacy', type: { text: "'a' | 'b'" } },
      ],
      events: [{ name: 'x-ready', type: { text: 'CustomEvent<{ id: Booking | null }>' }, description: 'Ready.' }],
    }],
  }],
};

describe('framework types', () => {
  const files = frameworkTypes(manifest);

  it('types settable properties through the class, attributes through their property, and leaves out read-only, private and static members', () => {
    const elements = files['elements.d.ts'];
    expect(elements).toContain("import type { Booking, XChat } from '../index.js';");
    expect(elements).toContain("  /** The flow. */\n  flow?: XChat['flow'];");
    expect(elements).toContain("  pageUrl?: XChat['pageUrl'];");
    expect(elements).toContain("  'page-url'?: XChat['pageUrl'];");
    expect(elements).toContain("  legacy?: 'a' | 'b';");
    expect(elements).toContain("  /** Ready. */\n  'x-ready': CustomEvent<{ id: Booking | null }>;");
    for (const hidden of ['state', 'draft', 'signal', 'styles', 'show']) expect(elements).not.toMatch(new RegExp(`\\b${hidden}\\?:`));
  });

  it('declares the tag for React, Preact, Solid, Vue and Svelte, each in the module its framework reads', () => {
    const modules: Record<string, string> = {
      'react-jsx.d.ts': "declare module 'react'", 'preact-jsx.d.ts': "declare module 'preact'", 'solid-jsx.d.ts': "declare module 'solid-js'",
      'vue.d.ts': "declare module 'vue'", 'svelte.d.ts': "declare module 'svelte/elements'",
    };
    for (const [file, module] of Object.entries(modules)) {
      expect(files[file], file).toContain(module);
      expect(files[file], file).toContain("'x-chat': ");
    }
    expect(files['solid-jsx.d.ts']).toContain("Handlers<Events, 'on:'>");
    expect(files['svelte.d.ts']).toContain("Handlers<Events, 'on'> & Handlers<Events, 'on:'>");
  });

  it('refuses a manifest with no custom element rather than writing empty declarations', () => {
    expect(() => frameworkTypes({ modules: [] })).toThrow(/no custom element/);
  });
});
