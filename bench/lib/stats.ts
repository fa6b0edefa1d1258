/** Median and spread of repeated measurements. */

export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, runs: sorted.length };
}

export function seconds(ms: Summary): string {
  return `${(ms.median / 1000).toFixed(2)} s (${(ms.min / 1000).toFixed(2)}–${(ms.max / 1000).toFixed(2)})`;
}

export function millis(ms: Summary): string {
  return `${ms.median.toFixed(0)} ms (${ms.min.toFixed(0)}–${ms.max.toFixed(0)})`;
}

export function megabytes(bytes: Summary): string {
  const mb = (n: number) => (n / 1e6).toFixed(bytes.median >= 1e8 ? 0 : 1);
  return bytes.min === bytes.max
    ? `${mb(bytes.median)} MB`
    : `${mb(bytes.median)} MB (${mb(bytes.min)}–${mb(bytes.max)})`;
}
