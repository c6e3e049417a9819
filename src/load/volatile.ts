import type { Problems, SourceLocation } from '../core/problems.ts'
import { isAfterToday, parseCheckedDate } from './checked-date.ts'
import { SOURCE_KEYS, VOLATILE_KEYS, type Source, type VolatileEntry } from './schemas.ts'
import { warnUnknownKeys } from './unknown-keys.ts'
import type { YamlSource } from './yaml-source.ts'

/** A claim on a module's slides that goes out of date, tied to one of its sources. */
export interface VolatileClaim {
  claim: string
  /** 0-based index into the module's `sources`. */
  source: number
  /** Where the claim is written in the front matter. */
  location: SourceLocation
}

/** Where a source sits in the front matter: the entry, and its `checked` date when it has one. */
export interface SourcePosition {
  entry: SourceLocation
  checked: SourceLocation
}

export interface ModuleFreshness {
  volatile: VolatileClaim[]
  /** One per source, in the order of `sources`. */
  sourcePositions: SourcePosition[]
}

/**
 * Resolves each volatile claim to its source (by 1-based position or url) and
 * records where every source is written. A claim naming no source of the
 * module is a KIT_VOLATILE_SOURCE error at its `source` key.
 */
export function readFreshness(sources: Source[], entries: VolatileEntry[], yaml: YamlSource, file: string, problems: Problems, today?: Date): ModuleFreshness {
  warnItemKeys(yaml, 'sources', SOURCE_KEYS, problems, `${file} source`)
  if (today) refuseFutureDates(sources, yaml, today, problems)
  warnItemKeys(yaml, 'volatile', VOLATILE_KEYS, problems, `${file} volatile claim`)
  const volatile: VolatileClaim[] = []
  entries.forEach((entry, i) => {
    const source = resolveSource(entry.source, sources)
    if (source === undefined) {
      problems.add({
        code: 'KIT_VOLATILE_SOURCE',
        message: `The volatile claim "${entry.claim}" names the source ${JSON.stringify(entry.source)}, which ${file} does not list.`,
        hint: unknownSourceHint(sources),
        location: yaml.locate(['volatile', i, 'source']),
      })
      return
    }
    volatile.push({ claim: entry.claim, source, location: yaml.locate(['volatile', i, 'claim']) })
  })
  const sourcePositions = sources.map((_, i) => ({ entry: yaml.locate(['sources', i]), checked: yaml.locate(['sources', i, 'checked']) }))
  return { volatile, sourcePositions }
}

/** A source cannot have been checked after the day of the run: such a date is a slip (2062 for 2026) that would keep it fresh for ever. */
function refuseFutureDates(sources: Source[], yaml: YamlSource, today: Date, problems: Problems): void {
  sources.forEach((source, i) => {
    const checked = source.checked === undefined ? undefined : parseCheckedDate(source.checked)
    if (!checked || !isAfterToday(checked, today)) return
    problems.add({
      code: 'KIT_SCHEMA',
      message: `The source "${source.title}" was checked ${source.checked}, which is after today (${today.toISOString().slice(0, 10)}).`,
      hint: 'Write the month or day you last confirmed the source, e.g. `checked: ' + today.toISOString().slice(0, 7) + '`.',
      location: yaml.locate(['sources', i, 'checked']),
    })
  })
}

/** A 1-based position in `sources`, or the exact url of one of them. */
export function resolveSource(ref: number | string, sources: Source[]): number | undefined {
  if (typeof ref === 'number') return ref >= 1 && ref <= sources.length ? ref - 1 : undefined
  const index = sources.findIndex((s) => s.url === ref.trim())
  return index < 0 ? undefined : index
}

function unknownSourceHint(sources: Source[]): string {
  if (sources.length === 0) return 'This module lists no sources; add the one that backs the claim under `sources:` and name it by position (`source: 1`).'
  const range = sources.length === 1 ? '1' : `a number from 1 to ${sources.length}`
  return `Write \`source:\` as ${range} (the source's position under \`sources:\`) or as the exact url of one of them.`
}

function warnItemKeys(yaml: YamlSource, key: string, known: readonly string[], problems: Problems, what: string): void {
  const list = (yaml.value as Record<string, unknown> | null)?.[key]
  if (!Array.isArray(list)) return
  list.forEach((item, i) => {
    warnUnknownKeys(item, known, yaml, [key, i], problems, `${what} ${i + 1}`)
  })
}
