/**
 * `npm run bench [-- <suite…>] [--json]`: runs the named suites (all when none is named) and prints
 * our figures beside the peers measured in the same run. Benchmarks, not tests: no pass/fail.
 */
import { suites } from './suites';
import type { BenchResult } from './report';
import { printResults } from './report';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !(n in suites));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark suite: ${unknown.join(', ')}. Available: ${Object.keys(suites).join(', ')}.`);
    process.exit(2);
  }
  const selected = names.length > 0 ? names : Object.keys(suites);
  const results: BenchResult[] = [];
  for (const name of selected) {
    if (!json) console.log(`\n== ${name} ==`);
    const suiteResults = await suites[name].run({ json });
    results.push(...suiteResults);
    if (!json) printResults(suiteResults);
  }
  if (json) console.log(JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
