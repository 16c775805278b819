/** Sample sizes and allocations (DOMAIN §3.4), in integers only. */

/** n = ⌈N / (1 + N·e²)⌉ with e = marginPercent / 100 (one decimal at most: 5 or 2,5), exact. */
export function sampleSize(transactions: number, marginPercent: number): number {
  if (!Number.isInteger(transactions) || transactions < 0)
    throw new RangeError('N phải là số nguyên không âm.');
  const q = Math.round(marginPercent * 10); // e = q / 1000
  if (q <= 0) return transactions;
  // N / (1 + N q²/10⁶) = N·10⁶ / (10⁶ + N q²)
  const num = BigInt(transactions) * 1_000_000n;
  const den = 1_000_000n + BigInt(transactions) * BigInt(q * q);
  return Number((num + den - 1n) / den);
}

/** Splits `total` among parts in proportion to their weights by the largest-remainder method: the
 * parts always add up to `total` exactly; ties go to the earlier part. All weights zero: equal shares. */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0) throw new RangeError('Tổng phải là số nguyên không âm.');
  if (weights.length === 0) return [];
  if (weights.some((w) => !Number.isInteger(w) || w < 0))
    throw new RangeError('Trọng số phải là số nguyên không âm.');
  const sum = weights.reduce((a, b) => a + b, 0);
  const ws = sum === 0 ? weights.map(() => 1) : weights;
  const s = BigInt(sum === 0 ? weights.length : sum);
  const T = BigInt(total);
  const base = ws.map((w) => (T * BigInt(w)) / s);
  const rem = ws.map((w, i) => ({ i, r: (T * BigInt(w)) % s }));
  let left = total - base.reduce((a, b) => a + Number(b), 0);
  rem.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const out = base.map(Number);
  for (const { i } of rem) {
    if (left <= 0) break;
    out[i]! += 1;
    left -= 1;
  }
  return out;
}
