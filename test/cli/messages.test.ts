import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../cli/main';
import { describeCliError } from '../../cli/errors';
import { sanitizeText } from '../../cli/text';
import { parseTrainedModel, serializeTrainedModel } from '../../engine/training/trainedFile';
import { netwrightInProcess as netwright, root } from './helpers';
import { lineCsv, lineModel } from './fixtures/lineModel';

let dir: string;
let trainedFile: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'netwright-messages-'));
  await writeFile(path.join(dir, 'line.json'), JSON.stringify(lineModel({ epochs: 2, lr: 0.1 })));
  await writeFile(path.join(dir, 'line.csv'), lineCsv());
  const trained = await netwright('train', path.join(dir, 'line.json'), '--dataset', path.join(dir, 'line.csv'), '--target', 'y', '--out', path.join(dir, 'line'));
  if (trained.code !== 0) throw new Error(trained.stderr);
  trainedFile = path.join(dir, 'line', 'model.json');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The trained line model with a change, written next to the original. */
async function variant(name: string, change: (file: ReturnType<typeof parseTrainedModel>) => void): Promise<string> {
  const file = parseTrainedModel(await readFile(trainedFile, 'utf8'));
  change(file);
  const target = path.join(dir, name);
  await writeFile(target, serializeTrainedModel(file, file.shapes, file.info));
  return target;
}

describe('text from files is sanitised before it is printed', () => {
  it('strips escape sequences and control characters, keeping the visible text', () => {
    expect(sanitizeText('\x1b[31mred\x1b[0m')).toBe('red');
    expect(sanitizeText('a\x1b]0;pwned\x07b')).toBe('ab');
    expect(sanitizeText('line\nfake: ok\r\tx')).toBe('line fake: ok  x');
    expect(sanitizeText('bell\x07 nul\x00 del\x7f c1\x9b2J')).toBe('bell? nul? del? c1');
    expect(sanitizeText('rtl \u202eevil\u202c ok')).toBe('rtl evil ok');
    expect(sanitizeText('Überschrift 模型 ✓')).toBe('Überschrift 模型 ✓');
  });

  it('a hostile model name reaches the terminal without its escape codes', async () => {
    const doc = JSON.parse(await readFile(path.join(root, 'templates/binary-2d.json'), 'utf8'));
    doc.name = 'Evil\x1b]0;pwned\x07\x1b[2J\nnetwright: all good';
    const file = path.join(dir, 'evil.json');
    await writeFile(file, JSON.stringify(doc));
    const { code, stdout } = await netwright('validate', file);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(`Evil netwright: all good (${file})`);
    // eslint-disable-next-line no-control-regex
    expect(stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });
});

describe('every failure is a short message with exit 1 or 2; stack traces only with --debug', () => {
  commands.register({ name: 'explode', summary: 'test only', usage: '', run: () => Promise.reject(new TypeError('boom\x1b[2J')) });
  commands.register({
    name: 'disk',
    summary: 'test only',
    usage: '',
    run: () => Promise.reject(Object.assign(new Error("EACCES: permission denied, open '/x/model.json'"), { code: 'EACCES', syscall: 'open', path: '/x/model.json' })),
  });

  it('an unexpected error is one line and a hint, exit 2', async () => {
    const { code, stderr } = await netwright('explode');
    expect(code).toBe(2);
    expect(stderr).toBe('netwright explode: unexpected error: boom\nhint: Run the command again with --debug to see where it happened, and report it with the files involved.\n');
  });

  it('--debug adds the stack trace', async () => {
    const { code, stderr } = await netwright('explode', '--debug');
    expect(code).toBe(2);
    expect(stderr).toContain('TypeError: boom');
    expect(stderr).toMatch(/ {4}at /);
  });

  it('a file-system error names the file and the reason', async () => {
    const { code, stderr } = await netwright('disk');
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('netwright disk: cannot write /x/model.json: permission denied.');
    expect(describeCliError('x', 'a string').exitCode).toBe(2);
  });

  it('validate rejects a model with no layers, exit 1', async () => {
    const doc = JSON.parse(await readFile(path.join(root, 'templates/binary-2d.json'), 'utf8'));
    doc.nodes = [];
    doc.edges = [];
    const file = path.join(dir, 'empty.json');
    await writeFile(file, JSON.stringify(doc));
    const { code, stderr } = await netwright('validate', file);
    expect(code).toBe(1);
    expect(stderr).toContain('error: [model] The model has no layers; add an Input');
  });

  it('validate rejects a model whose weights cannot fit in the engine memory, saying the size', async () => {
    const doc = lineModel({ epochs: 1, lr: 0.1 });
    doc.nodes[0].params.shape = [40_000];
    doc.nodes[1].params.units = 20_000;
    const file = path.join(dir, 'huge.json');
    await writeFile(file, JSON.stringify(doc));
    const { code, stderr } = await netwright('validate', file);
    expect(code).toBe(1);
    expect(stderr).toContain('The weights need 2.98 GiB (800,020,000 parameters × 4 bytes), more than the 2.00 GiB the engine can hold');
  });
});

describe('predict explains bad inputs and refuses non-finite predictions', () => {
  it('an empty CSV, a ragged CSV and a non-number are messages naming the file, exit 1', async () => {
    const empty = path.join(dir, 'empty.csv');
    await writeFile(empty, '');
    const a = await netwright('predict', trainedFile, empty);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain(`netwright predict: ${empty}: The file has no rows.`);

    const ragged = path.join(dir, 'ragged.csv');
    await writeFile(ragged, 'x\n1\n2,3\n');
    const b = await netwright('predict', trainedFile, ragged);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain(`${ragged}: Line 3 has 2 fields but the header has 1.`);
    expect(b.stderr).toContain('hint: ');

    const headerOnly = path.join(dir, 'header.csv');
    await writeFile(headerOnly, 'x\n');
    const c = await netwright('predict', trainedFile, headerOnly);
    expect(c.code).toBe(1);
    expect(c.stderr).toContain(`${headerOnly}, line 1, column 1: 'x' is not a finite number.`);

    const words = path.join(dir, 'words.json');
    await writeFile(words, '[[1], ["two"]]');
    const d = await netwright('predict', trainedFile, words);
    expect(d.code).toBe(1);
    expect(d.stderr).toContain('sample 2: expected 1 numbers');
  });

  it('predicts finite numbers for good input', async () => {
    const points = path.join(dir, 'points.csv');
    await writeFile(points, 'x\n0.5\n1\n');
    const { code, stdout } = await netwright('predict', trainedFile, points, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toHaveLength(2);
  });

  it('NaN or infinite outputs are an error, not "NaN%" and exit 0', async () => {
    const broken = await variant('nan.json', (file) => {
      for (const w of Object.values(file.weights)) w.fill(Number.NaN);
    });
    const points = path.join(dir, 'points.csv');
    const { code, stdout, stderr } = await netwright('predict', broken, points);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('nan.json predicts NaN for sample 1: its outputs are not finite numbers.');
    expect(stderr).toContain('hint: ');
  });
});

describe("a trained file's dataset name is never opened as a path", () => {
  it('eval refuses a data file named by the trained file, and never reads it', async () => {
    const sneaky = await variant('sneaky.json', (file) => {
      file.document.training.dataset = { name: '/etc/passwd', options: { target: 'root' } };
    });
    const { code, stderr } = await netwright('eval', sneaky);
    expect(code).toBe(2);
    expect(stderr).toContain('was trained on the data file passwd, which Netwright opens only when you name it.');
    expect(stderr).not.toContain('root:');
  });

  it('eval uses a data file the person names, with the columns from the trained file', async () => {
    const { code, stdout } = await netwright('eval', trainedFile, '--dataset', path.join(dir, 'line.csv'), '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).task).toBe('regression');
  });

  it('train refuses a data file named inside the model file', async () => {
    const doc = lineModel({ epochs: 1, lr: 0.1 });
    doc.training.dataset = { name: '/dev/zero', options: {} };
    const file = path.join(dir, 'zero.json');
    await writeFile(file, JSON.stringify(doc));
    const { code, stdout, stderr } = await netwright('train', file, '--out', path.join(dir, 'zero'));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('names the data file zero, which Netwright opens only when you name it.');
  });
});
