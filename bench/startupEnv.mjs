/**
 * Node's own start-up depends on the environment: NODE_EXTRA_CA_CERTS (set on some machines) makes a
 * bare `node -e 0` several times slower, which flatters every ratio. Both are reported: the machine's
 * environment, and a clean one with it unset for both processes of each pair.
 */
export function startupEnvironments() {
  const clean = { ...process.env };
  delete clean.NODE_EXTRA_CA_CERTS;
  if (process.env.NODE_EXTRA_CA_CERTS === undefined) return [['machine env', process.env]];
  return [
    ['machine env (NODE_EXTRA_CA_CERTS set)', process.env],
    ['clean env (NODE_EXTRA_CA_CERTS unset)', clean],
  ];
}

/**
 * Median of the per-round ratios x[i] / bare[i]. Each round runs bare node and the measured process
 * back to back, so a machine that slows down for a while slows both halves of a pair: the paired
 * ratio is steadier than a ratio of medians on a shared, noisy machine. The target is judged on it.
 */
export function pairedRatio(xs, bare) {
  const ratios = xs.map((x, i) => x / bare[i]).sort((a, b) => a - b);
  const m = Math.floor(ratios.length / 2);
  return ratios.length % 2 ? ratios[m] : (ratios[m - 1] + ratios[m]) / 2;
}

/** The spread of the same per-round ratios: their lower and upper quartiles, as "q1-q3". */
export function pairedSpread(xs, bare) {
  const ratios = xs.map((x, i) => x / bare[i]).sort((a, b) => a - b);
  const at = (q) => ratios[Math.min(ratios.length - 1, Math.floor(q * (ratios.length - 1) + 0.5))];
  return `${at(0.25).toFixed(2)}-${at(0.75).toFixed(2)}`;
}
