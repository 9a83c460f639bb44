import { describe, expect, it } from 'vitest';
import { createEmptyDocument } from '../../../engine/model';
import type { ModelDocument } from '../../../engine/model';
import { loadTemplate } from '../../../renderer/app/templates';
import { nameForDataset, nameFromFile } from '../../../renderer/editor/modelName';
import { createEditorStore } from '../../../renderer/store/editorStore';

function withDataset(doc: ModelDocument, name: string, options: Record<string, string> = {}): ModelDocument {
  return { ...doc, training: { ...doc.training, dataset: { name, options } } };
}

function template(id: string): ModelDocument {
  const t = loadTemplate(id);
  if (!t.ok) throw new Error(t.error);
  return t.doc;
}

describe('model names', () => {
  it('are taken from files without their extensions', () => {
    expect(nameFromFile('/home/a/models/Iris net.netwright.json')).toBe('Iris net');
    expect(nameFromFile('C:\\work\\spirals.netwright')).toBe('spirals');
    expect(nameFromFile('heart.csv')).toBe('heart');
  });

  it('follow the dataset and what the model does', () => {
    const mlp = template('mlp-mnist');
    expect(nameForDataset(withDataset(mlp, 'iris'))).toBe('iris classifier');
    expect(nameForDataset(withDataset(mlp, 'sine'))).toMatch(/ regressor$/);
    expect(nameForDataset(withDataset(mlp, 'user:heart-disease', { file: 'heart_disease.csv' }))).toBe('heart disease classifier');
    expect(nameForDataset(withDataset(createEmptyDocument(), 'user:prices', { file: 'prices.csv' }))).toBe('prices model');
  });

  it('a template picks up its dataset’s name, in the same undo step, until the person types a name', () => {
    const store = createEditorStore(template('mlp-mnist'));
    const training = store.getState().doc.training;
    store.getState().edit({ type: 'setTraining', training: { ...training, dataset: { name: 'iris', options: {} } } });
    expect(store.getState().doc.name).toBe('iris classifier');
    store.getState().edit({ type: 'setTraining', training: { ...training, dataset: { name: 'wine', options: {} } } });
    expect(store.getState().doc.name).toBe('wine classifier');
    store.getState().undo();
    expect(store.getState().doc.name).toBe('iris classifier');
    expect(store.getState().doc.training.dataset.name).toBe('iris');

    store.getState().edit({ type: 'setDocumentName', name: 'My flowers' });
    store.getState().edit({ type: 'setTraining', training: { ...training, dataset: { name: 'wine', options: {} } } });
    expect(store.getState().doc.name).toBe('My flowers');
  });

  it('an opened file without a name is named after it, and keeps its name when the dataset changes', () => {
    const store = createEditorStore(createEmptyDocument());
    store.getState().replaceDocument(createEmptyDocument(), { origin: 'browser-file:1:digits-mlp.netwright.json', fileName: 'digits-mlp.netwright.json' });
    expect(store.getState().doc.name).toBe('digits-mlp');
    const training = store.getState().doc.training;
    store.getState().edit({ type: 'setTraining', training: { ...training, dataset: { name: 'iris', options: {} } } });
    expect(store.getState().doc.name).toBe('digits-mlp');
    store.getState().replaceDocument({ ...createEmptyDocument(), name: 'Kept' }, { origin: 'other.netwright.json', fileName: 'other.netwright.json' });
    expect(store.getState().doc.name).toBe('Kept');
  });
});
