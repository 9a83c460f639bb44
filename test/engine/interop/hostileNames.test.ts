/**
 * Models whose name, description, dataset name and node ids are hostile — triple quotes, line breaks
 * of every kind, backslashes, NUL, `__import__(...)` payloads, Unicode — go through every exporter.
 * Each payload would create a marker file if it ever ran as code. The generated Python is parsed with
 * Python's `ast`, model.py and train.py are imported and the model built and run, model_keras.py is
 * executed against a stand-in `tensorflow` package; then the marker must not exist, and the strings
 * must come back intact as data. JSON outputs are parsed back and compared.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportModel, importOnnx, importTfjs, jsString, parseModelJson, pyString } from '../../../engine/interop';
import type { ExportableModel, ExportFile } from '../../../engine/interop';
import { npzKey } from '../../../engine/interop/npy';
import type { ModelDocument } from '../../../engine/model';
import { buildDoc, exportable } from './fixtures';
import { runPython, torchProblem, writeExport } from './python';

const root = mkdtempSync(path.join(tmpdir(), 'netwright-hostile-'));
const MARKER = path.join(root, 'PAYLOAD_RAN');
const touch = `__import__('pathlib').Path('${MARKER}').touch()`;

/** Strings that would run code (or break the file) if pasted into Python or JS unescaped. */
const HOSTILE = [
  `M"""\nimport os; ${touch}\n"""`,
  `M'''\n${touch}\n'''`,
  `x"); ${touch}; ("`,
  `\\"; ${touch} #`,
  `a\\`,
  `line\rbreak\r\n${touch}`,
  `sep\u2028${touch}\u2029para\u0085nel\u000bvt\u000cff`,
  `nul\u0000${touch}`,
  `${touch}`,
  `</script><script>${touch}</script>`,
  `名前🙂 Ünïcödé \ud800 lone`,
  '${process.exit(1)}`',
];

/** Ids that are also names the generated code (or nn.Module) uses. */
const CLASHING = ['training', 'forward', 'float', '__class__', 'in', 'x', 'F', 'torch', 'self', '_', 'c1_nchw', 'layers', 'None'];

function hostileDoc(): ModelDocument {
  // A chain through every kind of layer that has weights or needs a transpose, with hostile ids.
  const ids = [HOSTILE[0], HOSTILE[1], CLASHING[0], HOSTILE[2], CLASHING[1], HOSTILE[3], CLASHING[2], HOSTILE[6], CLASHING[3], HOSTILE[7], HOSTILE[10], CLASHING[4]];
  const doc = buildDoc(
    HOSTILE[0],
    [
      [ids[0], 'Input', { shape: [6, 6, 2] }],
      [ids[1], 'Conv2D', { filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' }],
      [ids[2], 'BatchNorm', {}],
      [ids[3], 'MaxPool2D', { poolSize: 2, strides: 2, padding: 'same' }],
      [ids[4], 'AvgPool2D', { poolSize: 2, strides: 1, padding: 'same' }],
      [ids[5], 'Flatten'],
      [ids[6], 'Dense', { units: 5, activation: 'leakyRelu' }],
      [ids[7], 'LayerNorm', {}],
      [ids[8], 'Dropout', { rate: 0.1 }],
      [ids[9], 'Dense', { units: 4, activation: 'gelu' }],
      [ids[10], 'Dense', { units: 3 }],
      [ids[11], 'Output', { loss: 'sparseCategoricalCrossentropy' }],
    ],
    ids.slice(1).map((id, i) => [ids[i], id]),
  );
  doc.description = HOSTILE.join('\n');
  doc.training.dataset = { name: HOSTILE[2], options: { [HOSTILE[3]]: HOSTILE[4] } };
  doc.nodes.forEach((n, i) => (n.name = HOSTILE[i % HOSTILE.length]));
  return doc;
}

/** A second model whose ids are only names the generated code itself uses. */
function clashingDoc(): ModelDocument {
  const ids = ['x', 'c1', 'c1_nchw', 'torch', 'F', 'nn', 'np', 'layers', 'keras', 'inputs'];
  const doc = buildDoc(
    HOSTILE[5],
    [
      [ids[0], 'Input', { shape: [5, 5, 1] }],
      [ids[1], 'Conv2D', { filters: 2, kernelSize: 2, padding: 'same' }],
      [ids[2], 'Conv2D', { filters: 2, kernelSize: 2, padding: 'same' }],
      [ids[3], 'GlobalAvgPool2D'],
      [ids[4], 'Dense', { units: 3 }],
      [ids[5], 'Dense', { units: 3 }],
      [ids[6], 'Activation', { activation: 'tanh' }],
      [ids[7], 'Dense', { units: 2 }],
      [ids[8], 'Activation', { activation: 'silu' }],
      [ids[9], 'Output', { loss: 'meanSquaredError' }],
    ],
    ids.slice(1).map((id, i) => [ids[i], id]),
  );
  return doc;
}

/** Checks every Python file of an export: parse, import, build, run; nothing ran; strings intact. */
const PY_CHECK = `
import ast, json, os, sys, types
folder, marker, expected_path, mode = sys.argv[1:5]
expected = json.load(open(expected_path, encoding="utf-8"))
sys.path.insert(0, folder)
for name in os.listdir(folder):
    if name.endswith(".py"):
        ast.parse(open(os.path.join(folder, name), encoding="utf-8").read(), filename=name)
if mode == "pytorch":
    import numpy as np, torch
    import model
    assert model.MODEL_NAME == expected["name"], (model.MODEL_NAME, expected["name"])
    net = model.load_netwright_weights(model.NetwrightModel(), os.path.join(folder, "weights.npz"))
    net.eval()
    xs = [torch.zeros((2,) + tuple(shape)) for shape in model.INPUT_SHAPES.values()]
    out = net.predict(*xs)
    assert out.shape[0] == 2
    assert sorted(k for k, _, _ in model.WEIGHT_MAP) == sorted(expected["weights"]), "weight names"
    import train
    assert train.TRAINING["dataset"] == expected["dataset"], (train.TRAINING["dataset"], expected["dataset"])
else:
    # A stand-in for tensorflow.keras that records the calls model_keras.py makes.
    calls = []
    class Layer:
        def __init__(self, kind, kwargs):
            self.kind, self.kwargs = kind, kwargs
        def __call__(self, *args):
            calls.append((self.kind, self.kwargs.get("name")))
            return self
    class LayersModule(types.ModuleType):
        def __getattr__(self, kind):
            return lambda **kwargs: Layer(kind, kwargs)
    keras = types.ModuleType("tensorflow.keras")
    keras.Input = lambda shape, name: calls.append(("Input", name)) or Layer("Input", {"name": name})
    keras.Model = lambda inputs, outputs, name: calls.append(("Model", name)) or {"name": name}
    keras.layers = LayersModule("tensorflow.keras.layers")
    tf = types.ModuleType("tensorflow")
    tf.keras = keras
    sys.modules.update({"tensorflow": tf, "tensorflow.keras": keras, "tensorflow.keras.layers": keras.layers})
    import model_keras
    assert model_keras.MODEL_NAME == expected["name"]
    model_keras.build_model()
    assert len(calls) == expected["layers"] + 1, calls
assert not os.path.exists(marker), "a payload ran"
print("ok")
`;

function checkPython(files: ExportFile[], mode: 'pytorch' | 'keras', model: ExportableModel, layers: number): void {
  const dir = writeExport(files, `hostile-${mode}`);
  const script = path.join(dir, 'check_hostile.py');
  writeFileSync(script, PY_CHECK);
  const expected = path.join(dir, 'expected.json');
  // JSON carries lone surrogates as escapes; Python's json reads them back into the same code points.
  writeFileSync(expected, JSON.stringify({ name: model.document.name, dataset: model.document.training.dataset, weights: Object.keys(model.weights).map(npzKey), layers }));
  const r = runPython([script, dir, MARKER, expected, mode], dir);
  expect(r.stderr.slice(-3000)).toBe('');
  expect(r.stdout.trim()).toBe('ok');
  expect(existsSync(MARKER)).toBe(false);
}

/** Every string constant removed: what remains is code, where no payload may appear. */
const PY_CODE_ONLY = `
import ast, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
class Strip(ast.NodeTransformer):
    def visit_Constant(self, node):
        return ast.Constant(value="") if isinstance(node.value, str) else node
print(ast.unparse(Strip().visit(tree)))
`;

function codeWithoutStrings(file: string): string {
  const script = path.join(path.dirname(file), 'strip_strings.py');
  writeFileSync(script, PY_CODE_ONLY);
  const r = runPython([script, file]);
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe('exports with hostile names, ids and descriptions', () => {
  it('has python3 with torch (a missing torch is a failure, not a skip)', () => {
    expect(torchProblem()).toBeNull();
  });

  for (const [label, makeDoc] of [
    ['hostile strings', hostileDoc],
    ['ids that clash with generated names', clashingDoc],
  ] as const) {
    const model = exportable(makeDoc());

    it(`PyTorch (${label}): model.py and train.py parse, import and run; no payload runs; name and dataset come back as data`, () => {
      checkPython(exportModel(model, 'pytorch'), 'pytorch', model, 0);
    });

    it(`Keras (${label}): model_keras.py parses, builds against a stand-in tf.keras; payloads only inside string constants`, () => {
      const files = exportModel(model, 'keras');
      const layerCount = (files.find((f) => f.path === 'model_keras.py')!.data as string).split('\n').filter((l) => / = (layers\.|keras\.Input)/.test(l)).length;
      checkPython(files, 'keras', model, layerCount);
      const dir = writeExport(files, 'hostile-keras-code');
      const code = codeWithoutStrings(path.join(dir, 'model_keras.py'));
      // Ids leave only sanitised identifiers behind (letters, digits, underscores): never a call.
      for (const call of ['__import__(', '.touch(', 'Path(', 'import os', 'os.system']) expect(code).not.toContain(call);
      const assigned = [...code.matchAll(/^ {4}(\S+) = (?:layers\.|keras\.Input)/gm)].map((m) => m[1]);
      expect(assigned.length).toBeGreaterThan(5);
      for (const name of assigned) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    });

    it(`model JSON (${label}): the name, description, dataset and every id read back intact`, () => {
      const [file] = exportModel(model, 'model-json');
      const back = parseModelJson(file.data as string);
      expect(back.document.name).toBe(model.document.name);
      expect(back.document.description).toBe(model.document.description);
      expect(back.document.training.dataset).toEqual(model.document.training.dataset);
      expect(back.document.nodes.map((n) => n.id)).toEqual(model.document.nodes.map((n) => n.id));
      expect(Object.keys(back.weights).sort()).toEqual(Object.keys(model.weights).sort());
    });

    it(`TF.js (${label}): model.json parses, keeps the name, and imports back; its PyTorch export is safe too`, () => {
      const files = exportModel(model, 'tfjs');
      const json = JSON.parse(files.find((f) => f.path === 'model.json')!.data as string) as Record<string, unknown>;
      expect((json.userDefinedMetadata as Record<string, unknown>).netwrightName).toBe(model.document.name);
      const shards = files.filter((f) => f.path.endsWith('.bin')).map((f) => f.data as Uint8Array);
      const weightData = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
      let at = 0;
      for (const s of shards) {
        weightData.set(s, at);
        at += s.length;
      }
      const imported = importTfjs(json, weightData);
      expect(imported.document.name).toBe(model.document.name);
      checkPython(exportModel(imported, 'pytorch'), 'pytorch', imported, 0);
    });

    it(`ONNX (${label}): imports back with the model's name as the graph name`, () => {
      const [file] = exportModel(model, 'onnx');
      const imported = importOnnx(file.data as Uint8Array);
      expect(imported.document.name).toBe(model.document.name || 'netwright');
    });
  }

  it('the quoters write printable ASCII that Python and JavaScript read back as the same string', () => {
    const dir = mkdtempSync(path.join(root, 'quoters-'));
    mkdirSync(dir, { recursive: true });
    const all = [...HOSTILE, ...CLASHING, '', '"""', "'''", '\\\\\\', '\u0000\u0001\u001f\u007f\u0080\u009f\u00a0\uffff', '\udfff\ud800\udc00'];
    const source = `import json, sys\nvalues = [${all.map(pyString).join(', ')}]\njson.dump(values, open(sys.argv[1], "w", encoding="utf-8"))\n`;
    for (const quoted of all.map(pyString)) expect(quoted).toMatch(/^"[\x20-\x7e]*"$/);
    writeFileSync(path.join(dir, 'values.py'), source);
    const out = path.join(dir, 'values.json');
    const r = runPython([path.join(dir, 'values.py'), out]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(all);
    for (const text of all) {
      const quoted = jsString(text);
      expect(quoted).toMatch(/^"[\x20-\x7e]*"$/);
      expect(new Function(`return ${quoted};`)()).toBe(text);
    }
    expect(existsSync(MARKER)).toBe(false);
  });
});
