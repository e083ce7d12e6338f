/**
 * A small JSON parser that also remembers where every value starts, so a JSON-pointer path from
 * validateFlow can be mapped back to a line of the editor. It accepts exactly JSON (RFC 8259).
 */

/** The answer of scanJson: the value and a pointer → line map, or where the text stops being JSON. */
export type ScanResult =
  | { ok: true; value: unknown; lines: Map<string, number> }
  | { ok: false; message: string; line: number; column: number };

/** Escapes one pointer segment (RFC 6901). */
export const escapeSegment = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

class JsonSyntaxError {
  constructor(readonly message: string, readonly offset: number) {}
}

/** Parses `text`, recording the 1-based line where each pointer's key (or array item) starts. */
export function scanJson(text: string): ScanResult {
  const lines = new Map<string, number>();
  let pos = 0;
  let line = 1;

  const fail = (message: string): never => { throw new JsonSyntaxError(message, pos); };
  const skipSpace = (): void => {
    while (pos < text.length) {
      const c = text[pos];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') return;
      pos++;
    }
  };
  const expect = (c: string): void => {
    if (text[pos] !== c) fail(pos >= text.length ? `Unexpected end of the document, expected "${c}"` : `Expected "${c}" but found "${text[pos]}"`);
    pos++;
  };

  const parseString = (): string => {
    expect('"');
    let out = '';
    for (;;) {
      if (pos >= text.length) fail('Unterminated string');
      const c = text[pos++];
      if (c === '"') return out;
      if (c === '\n') { pos--; fail('Line break inside a string'); }
      if (c < ' ') { pos--; fail('Control character inside a string'); }
      if (c !== '\\') { out += c; continue; }
      const e = text[pos++];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e in simple) out += simple[e];
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos, pos + 4))) {
        out += String.fromCharCode(parseInt(text.slice(pos, pos + 4), 16));
        pos += 4;
      } else { pos--; fail('Bad escape in a string'); }
    }
  };

  const parseNumber = (): number => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (!match) fail(`Unexpected "${text[pos]}"`);
    pos += match![0].length;
    return Number(match![0]);
  };

  const parseValue = (pointer: string): unknown => {
    skipSpace();
    if (!lines.has(pointer)) lines.set(pointer, line);
    const c = text[pos];
    if (c === '{') return parseObject(pointer);
    if (c === '[') return parseArray(pointer);
    if (c === '"') return parseString();
    if (c === '-' || (c >= '0' && c <= '9')) return parseNumber();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, pos)) { pos += word.length; return value; }
    }
    return fail(pos >= text.length ? 'Unexpected end of the document' : `Unexpected "${c}"`);
  };

  const parseObject = (pointer: string): Record<string, unknown> => {
    expect('{');
    const out: Record<string, unknown> = {};
    skipSpace();
    if (text[pos] === '}') { pos++; return out; }
    for (;;) {
      skipSpace();
      const keyLine = line;
      if (text[pos] !== '"') fail(text[pos] === '}' ? 'Trailing comma before "}"' : 'Expected a quoted property name');
      const key = parseString();
      const child = `${pointer}/${escapeSegment(key)}`;
      lines.set(child, keyLine);
      skipSpace();
      expect(':');
      out[key] = parseValue(child);
      skipSpace();
      if (text[pos] === ',') { pos++; continue; }
      expect('}');
      return out;
    }
  };

  const parseArray = (pointer: string): unknown[] => {
    expect('[');
    const out: unknown[] = [];
    skipSpace();
    if (text[pos] === ']') { pos++; return out; }
    for (;;) {
      skipSpace();
      if (text[pos] === ']') fail('Trailing comma before "]"');
      out.push(parseValue(`${pointer}/${out.length}`));
      skipSpace();
      if (text[pos] === ',') { pos++; continue; }
      expect(']');
      return out;
    }
  };

  try {
    const value = parseValue('');
    skipSpace();
    if (pos < text.length) fail(`Unexpected "${text[pos]}" after the end of the document`);
    return { ok: true, value, lines };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const before = text.slice(0, error.offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    return { ok: false, message: error.message, line: before.split('\n').length, column: error.offset - lineStart + 1 };
  }
}

/**
 * The line of a validateFlow path (segments escaped as RFC 6901, as validateFlow does); a path to
 * something missing (a required key) falls back to its nearest existing parent.
 */
export function lineOf(lines: Map<string, number>, path: string): number {
  let candidate = path === '/' ? '' : path;
  for (;;) {
    const found = lines.get(candidate);
    if (found !== undefined) return found;
    if (candidate === '') return 1;
    candidate = candidate.slice(0, candidate.lastIndexOf('/'));
  }
}
