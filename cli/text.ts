/** Text from files on its way to the terminal. */

// Escape sequences first (CSI, OSC, other ESC forms), then any control character left: C0, DEL,
// C1 (including the 8-bit CSI), and the Unicode controls that reorder or hide text. Matching control
// characters is the point of these two expressions.
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[ -/]*[0-~]?)|\x9b[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * `text` with escape codes removed and every other control character (newlines and tabs included)
 * replaced by a visible '?' or a space, so that a model name, a column name or a message quoting a
 * file can neither move the cursor, recolour the terminal nor fake a line of output.
 */
export function sanitizeText(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, (c) => (c === '\t' || c === '\n' || c === '\r' ? ' ' : c === '\x1b' || c.charCodeAt(0) >= 0x200b ? '' : '?'));
}

/** A block of lines (our own line breaks kept), each line sanitised. */
export function sanitizeLines(text: string): string {
  return text.split('\n').map(sanitizeText).join('\n');
}
