import { describe, expect, it } from 'vitest';
import { catalog, defaultParams, formatCount, plural } from '../../../engine/model';

describe('plural', () => {
  it('puts the noun in the number its count needs', () => {
    expect(plural(1, 'unit')).toBe('1 unit');
    expect(plural(2, 'unit')).toBe('2 units');
    expect(plural(0, 'item')).toBe('0 items');
    expect(plural(1, 'class', 'classes')).toBe('1 class');
    expect(plural(3, 'class', 'classes')).toBe('3 classes');
    expect(plural(1234, 'parameter')).toBe('1,234 parameters');
    expect(plural(25_000, 'param', 'params', formatCount)).toBe('25.0k params');
  });

  it('a Dense layer with one unit says so', () => {
    expect(catalog.Dense.describe({ ...defaultParams('Dense'), units: 1, activation: 'none' })).toBe('1 unit');
    expect(catalog.Dense.describe({ ...defaultParams('Dense'), units: 2, activation: 'relu' })).toBe('2 units · relu');
  });
});
