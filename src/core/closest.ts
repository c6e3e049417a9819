import { distance } from 'fastest-levenshtein'

/**
 * "Did you mean": the known word within a small edit distance of `word`
 * (2, or a third of its length for long words), case-insensitive.
 */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1
  for (const candidate of known) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}
