/**
 * Finds where a JSON text breaks and says why, the same way in every browser. JSON.parse's own messages
 * differ between engines and some (Safari) give no position at all, so on failure the text is scanned
 * again by this small recogniser, which reports the first offending offset.
 */

export interface JsonSyntaxError {
  line: number;
  column: number;
  reason: string;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

const describeChar = (ch: string | undefined): string => (ch === undefined ? 'the end of the file' : `"${ch}"`);

function scan(text: string): void {
  let i = 0;
  const fail = (reason: string, at = i): never => {
    throw new Stop(at, reason);
  };
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const expect = (ch: string, context: string): void => {
    skipSpace();
    if (text[i] !== ch) fail(`expected "${ch}" ${context} but found ${describeChar(text[i])}`);
    i++;
  };
  const string = (): void => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"') {
        i++;
        return;
      }
      if (ch < ' ') fail('a line break or control character inside a string (write it as an escape such as \\n)');
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('"\\u" must be followed by four hex digits');
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) fail(`"\\${next ?? ''}" is not a valid escape`);
        i += 2;
        continue;
      }
      i++;
    }
    fail('a string is not closed (missing ")');
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match || match[0] === '-') fail(`${describeChar(text[i])} does not start a valid number`);
    i += match![0].length;
  };
  const value = (context: string): void => {
    skipSpace();
    const ch = text[i];
    if (ch === '{') return object();
    if (ch === '[') return array();
    if (ch === '"') return string();
    if (ch === '-' || (ch >= '0' && ch <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (ch === "'") fail('strings must use double quotes (")');
    fail(`expected a value ${context} but found ${describeChar(ch)}`);
  };
  const object = (): void => {
    i++;
    skipSpace();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] === '}') fail('a comma before "}" (trailing commas are not allowed in JSON)');
      if (text[i] !== '"') fail(`expected a property name in double quotes but found ${describeChar(text[i])}`);
      string();
      expect(':', 'after the property name');
      value('after ":"');
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail(`expected "," or "}" after a property value but found ${describeChar(text[i])}`);
    }
  };
  const array = (): void => {
    i++;
    skipSpace();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] === ']') fail('a comma before "]" (trailing commas are not allowed in JSON)');
      value('in the list');
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail(`expected "," or "]" after a list item but found ${describeChar(text[i])}`);
    }
  };

  skipSpace();
  if (i === text.length) fail('the file is empty');
  value('at the start');
  skipSpace();
  if (i < text.length) fail(`unexpected ${describeChar(text[i])} after the end of the JSON value`);
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The first syntax error in `text`, or null when it is valid JSON (or too deeply nested to scan). */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  try {
    scan(text);
    return null;
  } catch (err) {
    if (!(err instanceof Stop)) return null;
    return { ...lineAndColumn(text, err.offset), reason: err.reason };
  }
}

export type ParseJsonResult = { ok: true; json: unknown } | { ok: false; message: string };

/**
 * The one way files are read as JSON, in the app, every CLI command and the importers: a leading BOM
 * (added by some Windows editors) is dropped, and a syntax error names its line and column.
 */
export function parseJsonText(text: string): ParseJsonResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, json: JSON.parse(source) };
  } catch (err) {
    const syntax = findJsonSyntaxError(source);
    const message = syntax
      ? `it is not valid JSON: ${syntax.reason} (line ${syntax.line}, column ${syntax.column}).`
      : `it is not valid JSON (${(err as Error).message}).`;
    return { ok: false, message };
  }
}
