/** Counts with their nouns, for every message where a number meets a noun. */
/**
 * A count with its noun in the right number: plural(1, 'unit') -> "1 unit", plural(2, 'unit') -> "2 units",
 * plural(3, 'class', 'classes') -> "3 classes". The count is written with thousands separators, or by
 * `format` (e.g. formatCount). Every place a number meets a noun in a message uses this.
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`, format: (n: number) => string = (n) => n.toLocaleString('en-US')): string {
  return `${format(count)} ${count === 1 ? singular : pluralForm}`;
}
