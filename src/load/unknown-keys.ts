import { closest } from '../core/closest.ts'
import type { Problems } from '../core/problems.ts'
import { reportedAsNearMiss, type YamlSource } from './yaml-source.ts'

/**
 * Keys nobody reads are usually typos (`duraton:`); they are reported as
 * warnings with the closest known key, instead of being dropped silently.
 */
export function warnUnknownKeys(value: unknown, known: readonly string[], source: YamlSource, at: readonly PropertyKey[], problems: Problems, what: string): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return
  for (const key of Object.keys(value)) {
    if (known.includes(key) || reportedAsNearMiss(source, [...at, key])) continue
    const guess = closest(key, known)
    problems.warn({
      code: 'KIT_UNKNOWN_KEY',
      message: `${what}: the key \`${key}\` is not used by kit${guess ? `; did you mean \`${guess}\`?` : '.'}`,
      hint: guess ? `Rename it to \`${guess}\`, or remove it.` : `Known keys: ${known.join(', ')}.`,
      location: source.locateKey?.([...at, key]) ?? source.locate([...at, key]),
    })
  }
}
