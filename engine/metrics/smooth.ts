/**
 * Smoothing for the live loss and accuracy plots: an exponential moving average with the start-up bias
 * removed (each point is the weighted mean of the values so far, weights decaying by `weight` per step),
 * so the first points are not dragged towards zero. Non-finite values pass through and are skipped.
 */
export function smoothSeries(values: ArrayLike<number>, weight: number, out?: Float32Array | Float64Array): Float32Array | Float64Array {
  const result = out ?? new Float32Array(values.length);
  if (result.length < values.length) throw new RangeError(`The output holds ${result.length} values but ${values.length} are smoothed.`);
  const w = Math.min(Math.max(weight, 0), 1);
  // A constant series stays exactly constant (the division below would add rounding noise).
  let first: number | null = null;
  let constant = true;
  for (let i = 0; i < values.length && constant; i++) {
    if (!Number.isFinite(values[i])) continue;
    if (first === null) first = values[i];
    else if (values[i] !== first) constant = false;
  }
  let accumulated = 0;
  let steps = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || constant) {
      result[i] = v;
      continue;
    }
    accumulated = accumulated * w + (1 - w) * v;
    steps++;
    // With w = 1 nothing would ever move: show the first value.
    result[i] = w === 1 ? (first as number) : accumulated / (1 - w ** steps);
  }
  return result;
}
