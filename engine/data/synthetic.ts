/**
 * Synthetic datasets generated in code from a seed: the same options always give the same samples.
 * Each generator fills whole samples; the registry then holds out a test fraction (stratified).
 */
import type { DatasetOptionSpec, DatasetOptionValues, DatasetTask } from './types';
import type { DataRandom } from './random';

/** Samples produced by a generator before splitting. */
export interface GeneratedSamples {
  x: Float32Array;
  y: Int32Array | Float32Array;
}

/** A synthetic dataset: its description, option specs and generator. */
export interface SyntheticDefinition {
  id: string;
  name: string;
  description: string;
  task: DatasetTask;
  inputShape: number[];
  classes: (options: DatasetOptionValues) => string[];
  options: DatasetOptionSpec[];
  generate(options: DatasetOptionValues, random: DataRandom): GeneratedSamples;
}

const samplesOption = (defaultCount: number): DatasetOptionSpec => ({
  key: 'samples',
  label: 'Samples',
  description: 'Total number of samples; 20% of them are held out as the test set.',
  type: 'integer',
  default: defaultCount,
  min: 20,
  max: 1_000_000,
});

const noiseOption = (defaultNoise: number, max = 2): DatasetOptionSpec => ({
  key: 'noise',
  label: 'Noise',
  description: 'Standard deviation of the Gaussian noise added to every coordinate.',
  type: 'number',
  default: defaultNoise,
  min: 0,
  max,
});

const seedOption: DatasetOptionSpec = {
  key: 'seed',
  label: 'Data seed',
  description: 'Seed of the generator: the same seed gives the same samples.',
  type: 'integer',
  default: 0,
  min: 0,
  max: 2 ** 31 - 1,
};

/** Class of sample i when classes are interleaved evenly (class sizes differ by at most one). */
const balancedClass = (i: number, classes: number): number => i % classes;

function binaryPoints(n: number, point: (label: number, random: DataRandom, out: Float32Array, at: number) => void, random: DataRandom, noise: number): GeneratedSamples {
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = balancedClass(i, 2);
    point(y[i], random, x, 2 * i);
    x[2 * i] += noise * random.normal();
    x[2 * i + 1] += noise * random.normal();
  }
  return { x, y };
}

const twoClasses = (): string[] => ['0', '1'];

/** The synthetic datasets, in the order the picker lists them. */
export const SYNTHETIC_DATASETS: SyntheticDefinition[] = [
  {
    id: 'spirals',
    name: 'Two spirals',
    description: 'Two interleaved spiral arms in the plane; needs a few hidden layers to separate.',
    task: 'binary',
    inputShape: [2],
    classes: twoClasses,
    options: [samplesOption(1000), noiseOption(0.1), seedOption],
    generate: (o, random) =>
      binaryPoints(
        o.samples,
        (label, r, out, at) => {
          // Radius grows with the angle over 1.75 turns; the second arm is the first turned by half a turn.
          const t = Math.sqrt(r.next());
          const angle = t * 3.5 * Math.PI + label * Math.PI;
          out[at] = t * Math.cos(angle) * 2;
          out[at + 1] = t * Math.sin(angle) * 2;
        },
        random,
        o.noise,
      ),
  },
  {
    id: 'xor',
    name: 'XOR',
    description: 'Points in the square [-1, 1]²; class 1 where the two coordinates have opposite signs.',
    task: 'binary',
    inputShape: [2],
    classes: twoClasses,
    options: [samplesOption(1000), noiseOption(0.05, 1), seedOption],
    generate: (o, random) =>
      binaryPoints(
        o.samples,
        (label, r, out, at) => {
          // Draw the magnitudes, then give the signs that make the label true (a quadrant per sign pair).
          const a = r.uniform(0.05, 1);
          const b = r.uniform(0.05, 1);
          const firstPositive = r.next() < 0.5;
          out[at] = firstPositive ? a : -a;
          out[at + 1] = firstPositive === (label === 0) ? b : -b;
        },
        random,
        o.noise,
      ),
  },
  {
    id: 'moons',
    name: 'Two moons',
    description: 'Two interleaving half circles.',
    task: 'binary',
    inputShape: [2],
    classes: twoClasses,
    options: [samplesOption(1000), noiseOption(0.1), seedOption],
    generate: (o, random) =>
      binaryPoints(
        o.samples,
        (label, r, out, at) => {
          const t = r.uniform(0, Math.PI);
          out[at] = label === 0 ? Math.cos(t) : 1 - Math.cos(t);
          out[at + 1] = label === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
        },
        random,
        o.noise,
      ),
  },
  {
    id: 'circles',
    name: 'Circles',
    description: 'A small circle (class 1) inside a large one (class 0).',
    task: 'binary',
    inputShape: [2],
    classes: twoClasses,
    options: [samplesOption(1000), noiseOption(0.05, 1), seedOption],
    generate: (o, random) =>
      binaryPoints(
        o.samples,
        (label, r, out, at) => {
          const t = r.uniform(0, 2 * Math.PI);
          const radius = label === 0 ? 1 : 0.5;
          out[at] = radius * Math.cos(t);
          out[at + 1] = radius * Math.sin(t);
        },
        random,
        o.noise,
      ),
  },
  {
    id: 'blobs',
    name: 'Gaussian blobs',
    description: 'k round clusters with centres evenly spaced on a circle of radius 3.',
    task: 'classification',
    inputShape: [2],
    classes: (o) => Array.from({ length: o.classes }, (_, i) => String(i)),
    options: [
      samplesOption(1000),
      noiseOption(0.6, 5),
      { key: 'classes', label: 'Classes', description: 'Number of clusters (one class each).', type: 'integer', default: 3, min: 2, max: 20 },
      seedOption,
    ],
    generate: (o, random) => {
      const n = o.samples;
      const k = o.classes;
      const x = new Float32Array(n * 2);
      const y = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const c = balancedClass(i, k);
        const angle = (2 * Math.PI * c) / k;
        y[i] = c;
        x[2 * i] = 3 * Math.cos(angle) + o.noise * random.normal();
        x[2 * i + 1] = 3 * Math.sin(angle) + o.noise * random.normal();
      }
      return { x, y };
    },
  },
  {
    id: 'sine',
    name: 'Noisy sine',
    description: 'Regression: y = sin(x) plus Gaussian noise, x uniform in [-π, π].',
    task: 'regression',
    inputShape: [1],
    classes: () => [],
    options: [samplesOption(1000), noiseOption(0.1), seedOption],
    generate: (o, random) => {
      const n = o.samples;
      const x = new Float32Array(n);
      const y = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        x[i] = random.uniform(-Math.PI, Math.PI);
        y[i] = Math.sin(x[i]) + o.noise * random.normal();
      }
      return { x, y };
    },
  },
];
