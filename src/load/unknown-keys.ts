import type { Problems } from '../problems.ts'
import type { YamlSource } from './yaml-source.ts'

/**
 * Keys nobody reads are usually typos (`duraton:`); they are reported as
 * warnings with the closest known key, instead of being dropped silently.
 */
export function warnUnknownKeys(
  value: unknown,
  known: readonly string[],
  source: YamlSource,
  at: readonly PropertyKey[],
  problems: Problems,
  what: string,
): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue
    const guess = closest(key, known)
    problems.warn({
      code: 'KIT_UNKNOWN_KEY',
      message: `${what}: the key \`${key}\` is not used by kit${guess ? `; did you mean \`${guess}\`?` : '.'}`,
      hint: guess ? `Rename it to \`${guess}\`, or remove it.` : `Known keys: ${known.join(', ')}.`,
      location: source.locate([...at, key]),
    })
  }
}

/** The known key within edit distance 2 (or a third of the key's length), if any. */
export function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1
  for (const candidate of known) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }
  return row[b.length]!
}
