/** A stored millisecond time as the ISO string responses carry, or null when it is not set. */
export const iso = (ms: number | undefined): string | null =>
  ms === undefined ? null : new Date(ms).toISOString();
