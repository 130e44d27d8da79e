/**
 * Nelder–Mead minimisation, enough for the two to four smoothing parameters of the baselines.
 * Constraints are the caller's job (map an unconstrained vector into the feasible region).
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  start: readonly number[],
  maxEvals = 300,
  step = 0.5,
): Float64Array {
  const d = start.length;
  const simplex: Float64Array[] = [Float64Array.from(start)];
  for (let i = 0; i < d; i++) {
    const p = Float64Array.from(start);
    p[i] = p[i]! + step;
    simplex.push(p);
  }
  const values = simplex.map(f);
  let evals = d + 1;
  const centroid = new Float64Array(d);
  const trial = (base: Float64Array, towards: Float64Array, t: number): Float64Array => {
    const p = new Float64Array(d);
    for (let j = 0; j < d; j++) p[j] = base[j]! + t * (towards[j]! - base[j]!);
    return p;
  };
  while (evals < maxEvals) {
    const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
    const sorted = order.map((i) => simplex[i]!);
    const sortedValues = order.map((i) => values[i]!);
    for (let i = 0; i <= d; i++) {
      simplex[i] = sorted[i]!;
      values[i] = sortedValues[i]!;
    }
    if (Math.abs(values[d]! - values[0]!) <= 1e-10 * (Math.abs(values[0]!) + 1e-12)) break;
    centroid.fill(0);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j] = centroid[j]! + simplex[i]![j]! / d;
    const worst = simplex[d]!;
    const reflected = trial(centroid, worst, -1);
    const fr = f(reflected);
    evals++;
    if (fr < values[0]!) {
      const expanded = trial(centroid, worst, -2);
      const fe = f(expanded);
      evals++;
      if (fe < fr) {
        simplex[d] = expanded;
        values[d] = fe;
      } else {
        simplex[d] = reflected;
        values[d] = fr;
      }
    } else if (fr < values[d - 1]!) {
      simplex[d] = reflected;
      values[d] = fr;
    } else {
      const contracted = fr < values[d]! ? trial(centroid, reflected, 0.5) : trial(centroid, worst, 0.5);
      const fc = f(contracted);
      evals++;
      if (fc < Math.min(fr, values[d]!)) {
        simplex[d] = contracted;
        values[d] = fc;
      } else {
        for (let i = 1; i <= d; i++) {
          simplex[i] = trial(simplex[0]!, simplex[i]!, 0.5);
          values[i] = f(simplex[i]!);
          evals++;
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= d; i++) if (values[i]! < values[best]!) best = i;
  return simplex[best]!;
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
export const logit = (p: number): number => Math.log(p / (1 - p));
