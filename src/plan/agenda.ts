/**
 * Agenda arithmetic: clock times for every item of an edition, from the
 * event's start time through breaks, and the total against the target.
 */

export interface AgendaInput {
  kind: 'module' | 'exercise' | 'break'
  id?: string
  title: string
  minutes: number
}

export interface AgendaEntry extends AgendaInput {
  /** Minutes since midnight of the start day. */
  startMinute: number
  /** "HH:MM", 24-hour; wraps past midnight. */
  start: string
  end: string
}

export interface Agenda {
  entries: AgendaEntry[]
  /** Sum of every item, breaks included, in minutes. */
  total: number
  target: number
  /** (total - target) / target, e.g. 0.12 for 12 % over. */
  deviation: number
  /** True when the total is more than `tolerance` away from the target. */
  offTarget: boolean
}

/** Fraction of the target length beyond which the guide shows a warning. */
export const AGENDA_TOLERANCE = 0.1

export function parseClock(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

export function formatClock(minutes: number): string {
  const day = ((minutes % 1440) + 1440) % 1440
  return `${String(Math.floor(day / 60)).padStart(2, '0')}:${String(day % 60).padStart(2, '0')}`
}

/** "1 h 35 min", "45 min". */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h === 0) return `${m} min`
  return m === 0 ? `${h} h` : `${h} h ${m} min`
}

export function buildAgenda(items: AgendaInput[], start: string, target: number, tolerance = AGENDA_TOLERANCE): Agenda {
  let clock = parseClock(start)
  const entries = items.map((item) => {
    const entry = { ...item, startMinute: clock, start: formatClock(clock), end: formatClock(clock + item.minutes) }
    clock += item.minutes
    return entry
  })
  const total = items.reduce((sum, item) => sum + item.minutes, 0)
  const deviation = target > 0 ? (total - target) / target : 0
  return { entries, total, target, deviation, offTarget: Math.abs(deviation) > tolerance }
}
