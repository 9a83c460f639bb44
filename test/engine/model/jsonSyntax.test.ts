import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, lineAndColumn } from '../../../engine/model/jsonSyntax';

const templatesDir = path.resolve(import.meta.dirname, '../../../templates');

const accepts = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('findJsonSyntaxError', () => {
  it('agrees with JSON.parse on what is valid', () => {
    const samples = [
      ...readdirSync(templatesDir).map((f) => readFileSync(path.join(templatesDir, f), 'utf8')),
      '0', '-0.5e+3', '"\\u00e9\\n"', '[]', '{}', ' [1, [2, {"a": null}], true, false] ',
      '01', '1.', '.5', '[1,]', '{"a":1,}', '{"a" 1}', '"\\x"', '"\\u12"', 'nul', 'truex', '[1 2]', '{"a":1}}', '-', '"\t"',
    ];
    for (const text of samples) expect(findJsonSyntaxError(text) === null, text).toBe(accepts(text));
  });

  it('points at the offending character, 1-based', () => {
    expect(findJsonSyntaxError('[1, 2 3]')).toMatchObject({ line: 1, column: 7 });
    expect(findJsonSyntaxError('{\n  "a": tru\n}')).toMatchObject({ line: 2, column: 8 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
