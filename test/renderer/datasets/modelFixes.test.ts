import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../engine/model';
import { createEditorStore } from '../../../renderer/store/editorStore';
import { selectAnalysis } from '../../../renderer/store/selectors';
import { modelFixes, wantedOutputUnits } from '../../../renderer/datasets/modelFixes';

const root = path.resolve(import.meta.dirname, '../../..');
function editorWith(file: string) {
  const parsed = parseDocument(JSON.parse(readFileSync(path.join(root, 'templates', file), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return createEditorStore(parsed.doc);
}
const fixesOf = (editor: ReturnType<typeof editorWith>, meta: Parameters<typeof modelFixes>[2]) => modelFixes(editor.getState().doc, selectAnalysis(editor.getState()), meta);

describe('fitting the model to an imported dataset', () => {
  it('offers the Input shape and the output units, as undoable edits that make the model fit', () => {
    const editor = editorWith('mlp-mnist.json');
    const iris = { inputShape: [4], task: 'classification' as const, classes: ['setosa', 'versicolor', 'virginica'] };
    const fixes = fixesOf(editor, iris);
    expect(fixes.map((f) => f.label)).toEqual(['Set the Input shape to 4', expect.stringMatching(/^Set the units of “.+” to 3$/)]);
    for (const fix of fixes) editor.getState().edit(fix.edit);
    expect(fixesOf(editor, iris)).toEqual([]);
    expect(selectAnalysis(editor.getState()).errorCount).toBe(0);
    editor.getState().undo();
    editor.getState().undo();
    expect(fixesOf(editor, iris)).toHaveLength(2);
  });

  it('wants one output for binary cross-entropy and regression, one per class otherwise', () => {
    expect(wantedOutputUnits({ task: 'binary', classes: ['no', 'yes'] }, 'binaryCrossentropy')).toBe(1);
    expect(wantedOutputUnits({ task: 'binary', classes: ['no', 'yes'] }, 'sparseCategoricalCrossentropy')).toBe(2);
    expect(wantedOutputUnits({ task: 'regression', classes: [] }, 'meanSquaredError')).toBe(1);
    const binary = editorWith('binary-2d.json');
    expect(fixesOf(binary, { inputShape: [2], task: 'binary', classes: ['a', 'b'] })).toEqual([]);
    expect(fixesOf(binary, { inputShape: [7], task: 'binary', classes: ['a', 'b'] }).map((f) => f.label)).toEqual(['Set the Input shape to 7']);
  });
});
