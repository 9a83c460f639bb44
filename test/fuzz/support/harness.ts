/**
 * Runs a reader over generated inputs and records what went wrong: any exception that is not one of
 * the reader's documented, user-facing error types (or has no useful message), the slowest input,
 * and how far memory grew. With FUZZ_REPORT=1 it prints the distinct failures, to count them.
 */

/** One generated input: a label for messages and the call that reads it. */
export interface FuzzInput {
  label: string;
  run: () => unknown;
}

export interface FuzzFailure {
  label: string;
  signature: string;
  message: string;
}

export interface FuzzOutcome {
  inputs: number;
  /** Inputs the reader accepted (a mutation can leave a file valid). */
  accepted: number;
  /** Inputs refused with a documented error. */
  refused: number;
  failures: FuzzFailure[];
  /** Distinct failure signatures, with how many inputs hit each. */
  distinct: Map<string, number>;
  slowestMs: number;
  slowestLabel: string;
  /** Largest growth of heap + array buffers over the run, in bytes. */
  peakGrowth: number;
}

/** Whether an error is one a person may see: a documented type with a message that says something. */
export type Documented = (error: unknown) => boolean;

function signatureOf(error: unknown): string {
  if (!(error instanceof Error)) return `non-Error thrown: ${typeof error}`;
  const frame = (error.stack ?? '').split('\n').find((l) => /engine\/|cli\//.test(l)) ?? '';
  const where = /(engine|cli)\/[^):]+:\d+/.exec(frame)?.[0] ?? '?';
  const first = error.message.split('\n')[0].replace(/\d+/g, 'N').slice(0, 90);
  return `${error.name}: ${first} @ ${where}`;
}

function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Feeds every input to the reader; never throws itself. */
export function runFuzz(name: string, inputs: Iterable<FuzzInput>, documented: Documented): FuzzOutcome {
  const outcome: FuzzOutcome = { inputs: 0, accepted: 0, refused: 0, failures: [], distinct: new Map(), slowestMs: 0, slowestLabel: '', peakGrowth: 0 };
  const start = memory();
  for (const input of inputs) {
    outcome.inputs++;
    const t0 = performance.now();
    try {
      input.run();
      outcome.accepted++;
    } catch (error) {
      if (documented(error)) outcome.refused++;
      else {
        const signature = signatureOf(error);
        outcome.failures.push({ label: input.label, signature, message: error instanceof Error ? error.message.slice(0, 300) : String(error) });
        outcome.distinct.set(signature, (outcome.distinct.get(signature) ?? 0) + 1);
      }
    }
    const ms = performance.now() - t0;
    if (ms > outcome.slowestMs) {
      outcome.slowestMs = ms;
      outcome.slowestLabel = input.label;
    }
    if (outcome.inputs % 25 === 0) outcome.peakGrowth = Math.max(outcome.peakGrowth, memory() - start);
  }
  if (process.env.FUZZ_REPORT) {
    const lines = [...outcome.distinct.entries()].map(([s, n]) => `  ${n} × ${s}`);
    console.log(
      `[fuzz] ${name}: ${outcome.inputs} inputs, ${outcome.accepted} accepted, ${outcome.refused} refused with a message, ${outcome.failures.length} failures (${outcome.distinct.size} distinct); slowest ${outcome.slowestMs.toFixed(0)} ms (${outcome.slowestLabel}); peak memory growth ${(outcome.peakGrowth / 1048576).toFixed(0)} MiB\n${lines.join('\n')}`,
    );
  }
  return outcome;
}

/** A readable list of the first few failures, for an assertion message. */
export function describeFailures(outcome: FuzzOutcome): string {
  return outcome.failures
    .slice(0, 8)
    .map((f) => `${f.label}: ${f.signature}\n    ${f.message.split('\n')[0]}`)
    .join('\n');
}

/** An error message worth showing: says something, and is not a JavaScript engine's internal wording. */
export function usefulMessage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const m = error.message;
  return m.length >= 10 && !/Cannot read propert|is not a function|is not iterable|undefined \(reading|Maximum call stack|Invalid array length|Invalid typed array length/.test(m);
}
