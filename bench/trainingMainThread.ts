/**
 * Part of `npm run bench -- training`: how free the page's main thread stays while a model trains in
 * the web build (the engine runs in a Web Worker; the page draws the live plots from its progress
 * messages). In Debian's Chromium, the page records Long Tasks API entries and requestAnimationFrame
 * timestamps from just before Train is pressed until the run completes. Goal: no task over 50 ms.
 */
import type { Page } from 'playwright-core';
import { launchChromium, prepareWebBuild } from '../test/e2e/chromium';
import { serveDirectory } from '../test/e2e/staticServer';
import { runIds, runStatus, switchMode } from '../test/e2e/trainingPage';
import type { BenchResult } from './report';
import { median } from './report';

const GOAL_MS = 50;
const REPEATS = 3;
/** A run on a loaded 2-vCPU machine takes seconds; this only keeps a stuck run from hanging the suite. */
const RUN_TIMEOUT_MS = 120_000;
const UI_TIMEOUT_MS = 15_000;

interface Case {
  label: string;
  /** Template id in the "New from template" picker. */
  template: string;
  /** MNIST training images (the dataset's `samples` option); LeNet-5 is about 10x slower per image. */
  samples: number;
}

const CASES: Case[] = [
  { label: 'MLP 784-128-10', template: 'mlp-mnist', samples: 20000 },
  { label: 'LeNet-5', template: 'lenet5', samples: 5000 },
];

/** What the page saw during one run. */
interface RunMeasurement {
  /** Long Tasks API entries (tasks of 50 ms or more only): start after the recorder began, and duration. */
  longTasks: { at: number; ms: number }[];
  /** Time between consecutive animation frames. */
  frameGaps: number[];
  durationMs: number;
}

/**
 * Runs in the page: starts recording long tasks and animation frames. Kept as source text because the
 * TypeScript runner decorates named functions with helpers the page lacks.
 */
const RECORDER = `() => {
  const record = { began: performance.now(), longTasks: [], frames: [], running: true, observer: null };
  window.__trainingBench = record;
  record.add = (entry) => record.longTasks.push({ at: entry.startTime - record.began, ms: entry.duration });
  record.observer = new PerformanceObserver((list) => list.getEntries().forEach(record.add));
  record.observer.observe({ type: 'longtask' });
  const tick = (time) => {
    record.frames.push(time);
    if (record.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}`;

/** Runs in the page: stops recording and hands back what was recorded. */
const COLLECTOR = `() => {
  const record = window.__trainingBench;
  record.running = false;
  record.observer.takeRecords().forEach(record.add);
  record.observer.disconnect();
  return { longTasks: record.longTasks, frames: record.frames };
}`;

/**
 * Waits until the element `testId` has attribute `name` set to one of `values` (and, for a field, shows
 * `inputValue`). A function, not source text: the app's Content Security Policy forbids eval.
 */
async function waitForAttribute(page: Page, testId: string, name: string, values: string[], inputValue?: number, timeout = UI_TIMEOUT_MS): Promise<void> {
  await page.waitForFunction(
    (a) => {
      const el = document.querySelector(`[data-testid="${a.testId}"]`);
      if (!el || !a.values.includes(el.getAttribute(a.name) ?? '')) return false;
      return a.inputValue === null || Number((el as HTMLInputElement).value) === a.inputValue;
    },
    { testId, name, values, inputValue: inputValue ?? null },
    { timeout, polling: 100 },
  );
}

/** Types into a settings or dataset field, commits with Enter, and waits until the field shows it valid. */
async function commitField(page: Page, testId: string, value: number): Promise<void> {
  const field = page.getByTestId(testId);
  await field.fill(String(value));
  await field.press('Enter');
  await waitForAttribute(page, testId, 'aria-invalid', ['false'], value);
}

/** Opens the template, switches to Train, picks MNIST with `samples` images and one epoch, through the UI. */
async function prepareRun(page: Page, c: Case): Promise<void> {
  await page.getByTestId('cmd-newFromTemplate').click();
  await page.getByTestId(`template-${c.template}`).click();
  await page.getByTestId('template-picker').waitFor({ state: 'detached' });
  await switchMode(page, 'train');
  await page.getByTestId('dataset-item-mnist').click();
  await waitForAttribute(page, 'dataset-item-mnist', 'aria-selected', ['true']);
  await commitField(page, 'dataset-option-samples', c.samples);
  await commitField(page, 'setting-epochs', 1);
}

/** Presses Train with the recorder running, waits for the run to complete, and returns what the page saw. */
async function measureRun(page: Page): Promise<RunMeasurement> {
  const before = new Set(await runIds(page));
  await page.evaluate(`(${RECORDER})()`);
  const began = Date.now();
  await page.getByTestId('train-start').click();
  let runId: string | undefined;
  for (let waited = 0; !runId; waited += 100) {
    if (waited > UI_TIMEOUT_MS) throw new Error('pressing Train started no run');
    runId = (await runIds(page)).find((id) => !before.has(id));
    if (!runId) await page.waitForTimeout(100);
  }
  const final = ['completed', 'stopped', 'earlyStopping', 'failed'];
  await waitForAttribute(page, `run-item-${runId}`, 'data-status', final, undefined, RUN_TIMEOUT_MS);
  const durationMs = Date.now() - began;
  const record = (await page.evaluate(`(${COLLECTOR})()`)) as Pick<RunMeasurement, 'longTasks'> & { frames: number[] };
  const status = await runStatus(page, runId);
  if (status !== 'completed') {
    const error = await page.getByTestId('training-error').textContent().catch(() => '');
    throw new Error(`the training run ended "${status}" instead of completing: ${error}`);
  }
  const frameGaps = record.frames.slice(1).map((t, i) => t - record.frames[i]);
  if (frameGaps.length < 10) throw new Error(`only ${record.frames.length} animation frames during the run: the page was not drawing`);
  return { longTasks: record.longTasks, frameGaps, durationMs };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function results(c: Case, runs: RunMeasurement[]): BenchResult[] {
  const longest = runs.map((r) => Math.max(0, ...r.longTasks.map((t) => t.ms)));
  const p95 = runs.map((r) => percentile(r.frameGaps, 95));
  const worstGap = Math.max(...runs.map((r) => Math.max(...r.frameGaps)));
  // When each long task began tells start-up work (loading the dataset, compiling) from steady training.
  const tasks = runs.map((r) => (r.longTasks.length === 0 ? 'none' : r.longTasks.map((t) => `${t.ms.toFixed(0)} ms at +${(t.at / 1000).toFixed(1)} s`).join(' '))).join('; ');
  const seconds = runs.map((r) => (r.durationMs / 1000).toFixed(1)).join(', ');
  const name = (what: string) => `${c.label}: 1 epoch of ${c.samples.toLocaleString('en-US')} MNIST images in the web app, main thread ${what}`;
  const goal = `< ${GOAL_MS} ms`;
  const met = median(longest) < GOAL_MS ? 'goal met' : 'goal missed';
  return [
    {
      suite: 'training',
      name: name('longest task'),
      unit: 'ms',
      value: median(longest),
      repeats: longest,
      goal,
      higherIsBetter: false,
      note:
        `${met}; 0 means no task of ${GOAL_MS} ms or more (the Long Tasks API reports only those); ` +
        `long tasks by run: ${tasks}; runs took ${seconds} s from pressing Train`,
    },
    {
      suite: 'training',
      name: name('frame gap, p95'),
      unit: 'ms',
      value: median(p95),
      repeats: p95,
      goal,
      higherIsBetter: false,
      note:
        `worst gap in any run ${worstGap.toFixed(1)} ms. Headless Chromium with --disable-gpu rasterises and ` +
        'composites in software, and the worker shares the machine with the page, so a desktop does better',
    },
  ];
}

/** Measures the main thread while each case trains REPEATS times in the web build; `progress` reports steps. */
export async function measureTrainingMainThread(progress: (message: string) => void): Promise<BenchResult[]> {
  progress('web app: building the web renderer');
  const server = await serveDirectory(prepareWebBuild());
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    // Opening the next template after changing the settings asks to discard the changes.
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(server.url);
    await page.locator('.react-flow').waitFor();
    const all: BenchResult[] = [];
    for (const c of CASES) {
      progress(`web app, ${c.label}: opening the template, MNIST with ${c.samples} images`);
      await prepareRun(page, c);
      const runs: RunMeasurement[] = [];
      for (let r = 0; r < REPEATS; r++) {
        progress(`web app, ${c.label}: run ${r + 1}/${REPEATS}`);
        runs.push(await measureRun(page));
      }
      all.push(...results(c, runs));
    }
    if (errors.length > 0) throw new Error(`the page threw during the benchmark:\n${errors.join('\n')}`);
    return all;
  } finally {
    await browser.close();
    await server.close();
  }
}
