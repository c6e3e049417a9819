/** Formatting shared by the terminal reports and the pages. */

/** A size in the unit it is shown in: bytes below 1 kB, then kB and MB (SI units, as file managers show), to one decimal. */
export function byteSize(bytes: number): { value: number; unit: 'bytes' | 'kilobytes' | 'megabytes' } {
  if (bytes < 1000) return { value: bytes, unit: 'bytes' }
  if (bytes < 1_000_000) return { value: Math.round(bytes / 100) / 10, unit: 'kilobytes' }
  return { value: Math.round(bytes / 100_000) / 10, unit: 'megabytes' }
}

const SYMBOLS = { bytes: 'B', kilobytes: 'kB', megabytes: 'MB' } as const

/** "1.2 MB", "830 kB", "512 B" for the terminal, always English; pages write sizes in their language (`Messages.bytes`). */
export function formatBytes(bytes: number): string {
  const { value, unit } = byteSize(bytes)
  return `${value} ${SYMBOLS[unit]}`
}
