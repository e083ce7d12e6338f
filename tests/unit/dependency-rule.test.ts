/**
 * The dependency rule of STYLE.md, checked on every import of every file in src/ (static, `export
 * … from`, type-only and dynamic `import()`): arrows point down only, the engine and targeting stay
 * pure, only the Lit view imports lit, and other folders reach the engine by its public entry.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '../../src');

/** Each folder of src/ with its height: a file may import its own height or lower. */
const LAYERS: Record<string, number> = { engine: 0, targeting: 0, platform: 1, adapters: 2, stores: 3, page: 4, ui: 5 };
/** The files directly in src/ are the entries: they compose the layers, and no layer imports them. */
const ENTRIES = 6;
/** The pure layers: no DOM, no lit, no package at all, so the engine replays flows in plain Node and on the server. */
const PURE = ['engine', 'targeting'];

/** One import of a file: what it names, on which line, and whether it is a dynamic `import()`. */
interface Import { specifier: string; line: number; dynamic: boolean }

/** Every import of a TypeScript source, read by the TypeScript parser (comments and strings cannot fool it). */
function importsOf(fileName: string, text: string): Import[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined, dynamic: boolean): void => {
    if (specifier && ts.isStringLiteralLike(specifier)) {
      found.push({ specifier: specifier.text, line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, dynamic });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, false);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0], true);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal, false);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The folder of src/ a path (relative to src/, posix) lies in, or '' for an entry directly in src/. */
const folderOf = (path: string): string => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '');

/** What is wrong with one import of `path` (relative to src/), or null when it follows the rule. */
function problemOf(path: string, { specifier, dynamic }: Import): string | null {
  const folder = folderOf(path);
  const pure = PURE.includes(folder);
  if (!specifier.startsWith('.')) {
    const lit = specifier === 'lit' || specifier.startsWith('lit/') || specifier.startsWith('@lit/');
    if (lit && folder !== 'ui' && path !== 'react.ts') return 'only the view (src/ui/) and src/react.ts import lit';
    if (specifier.startsWith('node:')) return 'src/ runs in browsers: no node: modules';
    if (pure) return `${folder}/ is pure (no DOM, no lit): it imports no package`;
    return null;
  }
  const target = posix.normalize(posix.join(posix.dirname(path), specifier));
  if (target.startsWith('../')) return 'it reaches outside src/';
  const to = folderOf(target);
  if (pure && !PURE.includes(to)) return `${folder}/ is pure: it imports only engine/ and targeting/`;
  // The entries directly in src/ are the package's public names: they may pick engine modules apart.
  if (to === 'engine' && folder && folder !== 'engine' && !/^engine\/index\.(js|ts)$/.test(target)) {
    return 'outside the engine, import it by its public entry, engine/index.js';
  }
  const from = folder ? LAYERS[folder] : ENTRIES;
  const height = to ? LAYERS[to] : ENTRIES;
  // The page loads the view as stage 2 with import(): the one arrow allowed to point up.
  if (height > from && !(dynamic && folder === 'page')) return `${to ? `${to}/` : 'an entry'} is above ${folder}/: arrows point down only`;
  return null;
}

/** Every breach of the rule in `files` (paths relative to src/, posix), as `src/file:line imports 'x': why`. */
function breaches(files: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    const folder = folderOf(path);
    if (folder && !(folder in LAYERS)) {
      found.push(`src/${path}: src/${folder}/ is in no layer of the dependency rule (tests/unit/dependency-rule.test.ts)`);
      continue;
    }
    for (const entry of importsOf(path, text)) {
      const problem = problemOf(path, entry);
      if (problem) found.push(`src/${path}:${entry.line} imports '${entry.specifier}': ${problem}`);
    }
  }
  return found;
}

/** The TypeScript sources of src/, keyed by their posix path relative to src/. */
function sources(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const full = join(entry.parentPath, entry.name);
    files[relative(src, full).split('\\').join('/')] = readFileSync(full, 'utf8');
  }
  return files;
}

describe('the dependency rule', () => {
  it('holds for every import in src/', () => {
    const files = sources();
    expect(Object.keys(files).length).toBeGreaterThan(50);
    expect(breaches(files)).toEqual([]);
  });

  it('names the file, the line and the import that breaks it', () => {
    expect(breaches({
      'engine/walk.ts': "import { html } from 'lit';\nimport { local } from '../platform/storage.js';\nimport { z } from './guards.js';",
      'targeting/pages.ts': "import { computePosition } from '@floating-ui/dom';",
      'stores/chat.ts': "import type { Panel } from '../ui/panel-view.js';\nimport { isBooking } from '../engine/interpreter.js';",
      'platform/storage.ts': "import { createOutbox } from '../adapters/outbox.js';",
      'adapters/http.ts': "import { VERSION } from '../index.js';",
      'page/element.ts': "import { LitElement } from 'lit';\nimport { render } from '../ui/view.js';\nconst view = () => import('../ui/view.js');",
      'ui/cards.ts': "import { html } from 'lit';\nimport { isText } from '../engine/index.js';",
      'react.ts': "import { createComponent } from '@lit/react';",
      'index.ts': "export type * from './engine/types.js';\nexport * from './ui/define-element.js';",
      'widgets/x.ts': "import { html } from 'lit';",
    })).toEqual([
      "src/engine/walk.ts:1 imports 'lit': only the view (src/ui/) and src/react.ts import lit",
      "src/engine/walk.ts:2 imports '../platform/storage.js': engine/ is pure: it imports only engine/ and targeting/",
      "src/targeting/pages.ts:1 imports '@floating-ui/dom': targeting/ is pure (no DOM, no lit): it imports no package",
      "src/stores/chat.ts:1 imports '../ui/panel-view.js': ui/ is above stores/: arrows point down only",
      "src/stores/chat.ts:2 imports '../engine/interpreter.js': outside the engine, import it by its public entry, engine/index.js",
      "src/platform/storage.ts:1 imports '../adapters/outbox.js': adapters/ is above platform/: arrows point down only",
      "src/adapters/http.ts:1 imports '../index.js': an entry is above adapters/: arrows point down only",
      "src/page/element.ts:1 imports 'lit': only the view (src/ui/) and src/react.ts import lit",
      "src/page/element.ts:2 imports '../ui/view.js': ui/ is above page/: arrows point down only",
      'src/widgets/x.ts: src/widgets/ is in no layer of the dependency rule (tests/unit/dependency-rule.test.ts)',
    ]);
  });

  it('reads imports the way TypeScript does, not as text', () => {
    const text = [
      "/** Use it as `import 'lit'` in a page. */",
      "const note = \"import { html } from 'lit'\";",
      'import {',
      '  a,',
      "} from './a.js';",
      "export * from './b.js';",
      "type View = import('./c.js').View;",
      "const late = () => import('./d.js');",
    ].join('\n');
    expect(importsOf('x.ts', text)).toEqual([
      { specifier: './a.js', line: 3, dynamic: false },
      { specifier: './b.js', line: 6, dynamic: false },
      { specifier: './c.js', line: 7, dynamic: false },
      { specifier: './d.js', line: 8, dynamic: true },
    ]);
  });
});
