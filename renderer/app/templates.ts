/** The built-in templates, bundled from the repository's templates/ folder and validated on load. */
import { parseDocument, TEMPLATES } from '../../engine/model';
import type { ModelDocument, TemplateInfo } from '../../engine/model';
import { applyEdit } from '../editor/edits';
import { computeLayout } from '../editor/layout';
import type { LayoutDirection } from '../editor/layout';

const files = import.meta.glob<unknown>('../../templates/*.json', { eager: true, import: 'default' });

/** The template's document, or an error message naming the file when it does not validate. */
export function loadTemplate(id: string): { ok: true; doc: ModelDocument; info: TemplateInfo } | { ok: false; error: string } {
  const info = TEMPLATES.find((t) => t.id === id);
  if (!info) return { ok: false, error: `There is no template "${id}".` };
  const json = files[`../../templates/${info.file}`];
  if (json === undefined) return { ok: false, error: `Template file templates/${info.file} is missing from this build.` };
  // Each load gets its own copy so edits never touch the bundled object.
  const parsed = parseDocument(structuredClone(json));
  if (!parsed.ok) return { ok: false, error: `Template ${info.file} is invalid: ${parsed.error}` };
  return { ok: true, doc: parsed.doc, info };
}

/**
 * A template with its layers placed by auto-layout in `direction`: the files store a schematic order,
 * not a drawing. Falls back to the file's positions if layout fails.
 */
export async function loadLaidOutTemplate(id: string, direction: LayoutDirection): Promise<ReturnType<typeof loadTemplate>> {
  const template = loadTemplate(id);
  if (!template.ok) return template;
  try {
    const positions = await computeLayout(template.doc, {}, direction);
    const moved = applyEdit(template.doc, { type: 'moveNodes', positions });
    return { ...template, doc: applyEdit(moved, { type: 'setLayoutDirection', direction }) };
  } catch {
    return template;
  }
}
