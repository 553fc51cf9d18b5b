/**
 * Counts per bucket (a day, a month) for a chart: one entry per bucket in the buckets' order, 0
 * where the query found nothing, so a chart shows quiet days as 0 rather than leaving them out.
 * Counts outside the buckets are left out.
 */
export function zeroFilled<K extends string>(buckets: string[], counts: { bucket: string; count: number }[], key: K) {
  const found = new Map(counts.map((c) => [c.bucket, c.count]));
  return buckets.map((b) => ({ [key]: b, count: found.get(b) ?? 0 }) as Record<K, string> & { count: number });
}
