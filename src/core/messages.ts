import { IntlMessageFormat } from 'intl-messageformat'
import { byteSize } from './format.ts'

/**
 * Every word kit generates, in the workshop's language: catalogues of ICU
 * messages (templates/i18n/<lang>.yaml, flattened to dotted keys) looked up
 * through the language's chain (pt-BR → pt → en), plus the language's clock
 * times, dates, durations, text direction and paper size through Intl.
 * Pure: catalogues are read in load.
 */

/** One language's messages: dotted key → ICU MessageFormat text. */
export type Catalogue = Record<string, string>

/** The language every catalogue is checked against, and the last link of every chain. */
export const BASE_LANGUAGE = 'en'

export type MessageValues = Record<string, string | number | Date | boolean | undefined>

export interface Messages {
  /** The workshop's language tag. */
  lang: string
  /** The message `key` filled with `values`; a key no catalogue of the chain has falls back to English (and is recorded). */
  t(key: string, values?: MessageValues): string
  /** Keys looked up that only English had, in the order first asked for. */
  readonly missing: ReadonlySet<string>
  /** "9:00 AM" or "09:00", from minutes since midnight (wraps past midnight). */
  time(minutes: number): string
  /** The date in the language's long form ("3 December 2026", "3. Dezember 2026"); YYYY-MM-DD in, taken as a calendar day. */
  date(day: string | Date): string
  /** A day written short for tables ("26 Nov 2026", "26.11.2026"), from an ISO date-time, in UTC. */
  shortDate(iso: string): string
  /** "1 h 30 min", "45 min", "2 時間" through the catalogue. */
  duration(minutes: number): string
  /** A file size, its number the language's way and its unit from the catalogue: "297.7 kB", "297,7 ko". */
  bytes(bytes: number): string
  dir: 'ltr' | 'rtl'
  paper: 'a4' | 'letter'
  /** A translator for another language over the same catalogues (a workshop built in several languages). */
  inLanguage(lang: string): Messages
}

/**
 * The tags to look a key up in, most specific first: "pt-BR" → pt-BR, pt,
 * en. Canonical case ("pt-br" is pt-BR); an invalid tag yields only English.
 */
export function lookupChain(lang: string): string[] {
  let tag: string
  try {
    tag = Intl.getCanonicalLocales(lang)[0] ?? BASE_LANGUAGE
  } catch {
    return [BASE_LANGUAGE]
  }
  const chain: string[] = []
  const parts = tag.split('-')
  for (let n = parts.length; n > 0; n--) chain.push(parts.slice(0, n).join('-'))
  if (!chain.includes(BASE_LANGUAGE)) chain.push(BASE_LANGUAGE)
  return chain
}

/** Scripts written right to left (ISO 15924). */
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg'])

function maximized(lang: string): Intl.Locale | undefined {
  try {
    return new Intl.Locale(lang).maximize()
  } catch {
    return undefined
  }
}

/** "rtl" when the language's likely script is written right to left (he, ar, fa, ur, dv…). */
export function textDirection(lang: string): 'ltr' | 'rtl' {
  const script = maximized(lang)?.script
  return script && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr'
}

/** Regions that print on Letter; every other region prints on A4. */
const LETTER_REGIONS = new Set(['US', 'CA'])

/** Letter for the United States and Canada (en, en-US, fr-CA…), A4 elsewhere. */
export function defaultPaper(lang: string): 'a4' | 'letter' {
  const region = maximized(lang)?.region
  return region && LETTER_REGIONS.has(region) ? 'letter' : 'a4'
}

/** Why an ICU message does not parse ("MISSING_OTHER_CLAUSE at column 26"), or undefined when it does. */
export function messageError(text: string, lang: string): { reason: string; line: number; column: number } | undefined {
  try {
    new IntlMessageFormat(text, safeLocale(lang))
    return undefined
  } catch (error) {
    const e = error as Error & { location?: { start?: { line: number; column: number } } }
    return { reason: e.message, line: e.location?.start?.line ?? 1, column: e.location?.start?.column ?? 1 }
  }
}

function safeLocale(lang: string): string {
  try {
    return Intl.getCanonicalLocales(lang)[0] ?? BASE_LANGUAGE
  } catch {
    return BASE_LANGUAGE
  }
}

/** Compiled messages and date formats, shared by every translator of the process (a project is loaded many times by kit dev and tests). */
const formatters = new Map<string, IntlMessageFormat>()
const dateFormatters = new Map<string, { clock: Intl.DateTimeFormat; longDay: Intl.DateTimeFormat; mediumDay: Intl.DateTimeFormat; decimal: Intl.NumberFormat }>()

function formatter(text: string, locale: string): IntlMessageFormat {
  const key = `${locale}\0${text}`
  let message = formatters.get(key)
  if (!message) {
    message = new IntlMessageFormat(text, locale)
    if (formatters.size > 5000) formatters.clear()
    formatters.set(key, message)
  }
  return message
}

function dateFormats(locale: string) {
  let formats = dateFormatters.get(locale)
  if (!formats) {
    formats = {
      clock: new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' }),
      decimal: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
      longDay: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
      mediumDay: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
    }
    dateFormatters.set(locale, formats)
  }
  return formats
}

/** Nested YAML values as dotted keys: { handout: { objectives: 'Objectives' } } → { 'handout.objectives': 'Objectives' }. */
export function flattenCatalogue(tree: unknown, prefix = ''): Catalogue {
  const out: Catalogue = {}
  if (!tree || typeof tree !== 'object' || Array.isArray(tree)) return out
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (value && typeof value === 'object' && !Array.isArray(value)) Object.assign(out, flattenCatalogue(value, path))
    else if (typeof value === 'string' || typeof value === 'number') out[path] = String(value)
  }
  return out
}

/**
 * A translator for `lang` over catalogues by language tag (already merged:
 * a project's file over kit's, key by key). Looks each key up through
 * `lookupChain(lang)`; a key no language has is returned as the key itself.
 */
export function createMessages(lang: string, catalogues: ReadonlyMap<string, Catalogue>): Messages {
  const locale = safeLocale(lang)
  const chain = lookupChain(lang)
  const byTag = new Map([...catalogues].map(([tag, catalogue]) => [safeLocale(tag), catalogue]))
  const missing = new Set<string>()
  // English and its regional forms (en-GB) fall back to en by design, not for want of a translation.
  const english = chain[0]?.split('-')[0] === BASE_LANGUAGE
  const compiled = new Map<string, IntlMessageFormat | string>()
  const compile = (key: string): IntlMessageFormat | string => {
    const cached = compiled.get(key)
    if (cached !== undefined) return cached
    const tag = chain.find((t) => byTag.get(t)?.[key] !== undefined)
    if (tag === BASE_LANGUAGE && !english) missing.add(key)
    const text = tag ? (byTag.get(tag)?.[key] as string) : undefined
    let message: IntlMessageFormat | string = key
    if (text !== undefined) {
      try {
        message = formatter(text, tag === BASE_LANGUAGE ? BASE_LANGUAGE : locale)
      } catch {
        message = text // a malformed message is reported by load; show its text rather than nothing
      }
    } else missing.add(key)
    compiled.set(key, message)
    return message
  }
  const t = (key: string, values?: MessageValues): string => {
    const message = compile(key)
    if (typeof message === 'string') return message
    return String(message.format(values as Record<string, string | number | Date | boolean>))
  }
  const { clock, longDay, mediumDay, decimal } = dateFormats(locale)
  return {
    lang,
    t,
    missing,
    time: (minutes) => clock.format(new Date(Date.UTC(2000, 0, 1, 0, ((minutes % 1440) + 1440) % 1440))),
    date: (day) => {
      const date = day instanceof Date ? day : new Date(`${String(day).slice(0, 10)}T00:00:00Z`)
      return Number.isNaN(date.getTime()) ? String(day) : longDay.format(date)
    },
    shortDate: (iso) => {
      const date = new Date(iso)
      return Number.isNaN(date.getTime()) ? iso : mediumDay.format(date)
    },
    duration: (minutes) => {
      const h = Math.floor(minutes / 60)
      const m = minutes % 60
      if (h === 0) return t('duration.minutes', { m })
      return m === 0 ? t('duration.hours', { h }) : t('duration.hoursMinutes', { h, m })
    },
    bytes: (bytes) => {
      const { value, unit } = byteSize(bytes)
      return t(`size.${unit}`, { size: decimal.format(value) })
    },
    dir: textDirection(lang),
    paper: defaultPaper(lang),
    inLanguage: (other) => createMessages(other, catalogues),
  }
}
