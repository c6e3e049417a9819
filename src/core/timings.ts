/**
 * Where a run's time goes, by step (`browser: print deck`, `pptx: gate`…):
 * wall milliseconds and counts, summed over the process. Steps that run in
 * parallel tabs overlap, so the sums are work, not elapsed time.
 * `npm run bench` reads them after an in-process build; nothing prints
 * them. Cheap enough to be always on.
 */
const totals = new Map<string, { ms: number; count: number }>()

function add(step: string, ms: number): void {
  const entry = totals.get(step) ?? { ms: 0, count: 0 }
  entry.ms += ms
  entry.count++
  totals.set(step, entry)
}

/** Runs async `work`, adding its wall time to `step`. */
export async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now()
  try {
    return await work()
  } finally {
    add(step, performance.now() - started)
  }
}

/** Runs `work`, adding its time to `step`. */
export function timedSync<T>(step: string, work: () => T): T {
  const started = performance.now()
  try {
    return work()
  } finally {
    add(step, performance.now() - started)
  }
}

/** The steps measured since the last reset, longest first. */
export function timings(): { step: string; ms: number; count: number }[] {
  return [...totals].map(([step, t]) => ({ step, ...t })).sort((a, b) => b.ms - a.ms)
}

export function resetTimings(): void {
  totals.clear()
}
