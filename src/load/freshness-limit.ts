import { parseCheckedDate, type CheckedDate } from './checked-date.ts'
import type { Module } from './module.ts'
import type { Source, Workshop } from './schemas.ts'

/**
 * How fresh a source must be: its `checked` date is compared with the event
 * date (or today when the workshop has none), and a source more than
 * `maxAgeMonths` calendar months older is stale. Pure; `today` is passed in.
 */
export interface FreshnessPolicy {
  maxAgeMonths: number
  reference: CheckedDate
  /** `2026-12-03` */
  referenceText: string
  basis: 'event' | 'today'
  /** The month to write into `checked:` after a re-check, e.g. `2026-11`. */
  thisMonth: string
}

export type Freshness = 'fresh' | 'stale' | 'unchecked'

export function freshnessPolicy(workshop: Workshop, today: Date): FreshnessPolicy {
  const eventDate = dayText(workshop.event?.date)
  const event = eventDate === undefined ? undefined : parseCheckedDate(eventDate)
  const todayText = isoDay(today)
  return {
    maxAgeMonths: workshop.freshness['max-age-months'],
    reference: event ?? (parseCheckedDate(todayText) as CheckedDate),
    referenceText: event && eventDate ? eventDate : todayText,
    basis: event ? 'event' : 'today',
    thisMonth: todayText.slice(0, 7),
  }
}

/** Whole calendar months from `from` to `to`; a day of the month counts only when both dates have one. */
export function monthsBetween(from: CheckedDate, to: CheckedDate): number {
  const months = (to.year - from.year) * 12 + (to.month - from.month)
  return from.day !== undefined && to.day !== undefined && to.day < from.day ? months - 1 : months
}

export function sourceFreshness(source: Source, policy: FreshnessPolicy): Freshness {
  const checked = source.checked === undefined ? undefined : parseCheckedDate(source.checked)
  if (!checked) return 'unchecked'
  return monthsBetween(checked, policy.reference) > policy.maxAgeMonths ? 'stale' : 'fresh'
}

/** Age of a source's check in months before the reference date, when it has one. */
export function checkedAge(source: Source, policy: FreshnessPolicy): number | undefined {
  const checked = source.checked === undefined ? undefined : parseCheckedDate(source.checked)
  return checked ? monthsBetween(checked, policy.reference) : undefined
}

/** "the event on 2026-12-03" or "today (2026-11-30)" */
export function referenceLabel(policy: FreshnessPolicy): string {
  return policy.basis === 'event' ? `the event on ${policy.referenceText}` : `today (${policy.referenceText})`
}

/** Indexes of the module's sources that back at least one volatile claim. */
export function volatileSources(module: Module): Set<number> {
  return new Set(module.volatile.map((c) => c.source))
}

function dayText(date: string | Date | undefined): string | undefined {
  if (date === undefined) return undefined
  return typeof date === 'string' ? date : isoDay(date)
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}
