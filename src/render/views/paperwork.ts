import type { Messages } from '../../core/messages.ts'
import type { Content } from '../../load/content.ts'
import type { EditionPlan } from '../../plan/edition-plan.ts'
import { halfDays, type HalfDay, trainingMinutes } from '../../plan/sessions.ts'
import { authorNames } from '../deck/assemble-deck.ts'

/**
 * What every document of a training's paperwork states the same way: the
 * date, the venue, the trainers, the half-day sessions with their clock
 * times and the training time in hours.
 */
export interface SessionView {
  id: string
  /** "Morning", "Afternoon". */
  label: string
  /** "09:00–12:30", the language's clock. */
  range: string
}

export interface TrainingFacts {
  date?: string
  /** The event's date as YYYY-MM-DD (certificate numbers), when workshop.yaml has one. */
  isoDate?: string
  venue?: string
  trainers: string
  sessions: SessionView[]
  halfDays: HalfDay[]
  /** Training time, "7 h", "3 h 30 min", the language's way. */
  hours: string
}

/** The event's day as YYYY-MM-DD; YAML may have read it as a date. */
export function isoDay(date: string | Date | undefined): string | undefined {
  if (date === undefined) return undefined
  return date instanceof Date ? date.toISOString().slice(0, 10) : date
}

export function trainingFacts(content: Content, plan: EditionPlan): TrainingFacts {
  const { messages } = content
  const event = content.workshop.event
  const presenters = (event?.presenters ?? []).map((p) => (typeof p === 'string' ? p : p.name))
  const days = halfDays(plan.agenda)
  return {
    date: event?.date ? messages.date(event.date) : undefined,
    isoDate: isoDay(event?.date),
    venue: event?.venue,
    trainers: (presenters.length > 0 ? presenters : authorNames(content)).join(', '),
    sessions: days.map((s) => sessionView(s, messages)),
    halfDays: days,
    hours: messages.duration(trainingMinutes(days)),
  }
}

function sessionView(session: HalfDay, messages: Messages): SessionView {
  const part = messages.t(`paperwork.session.${session.part}`)
  const number = /-(\d+)$/.exec(session.id)?.[1]
  return {
    id: session.id,
    label: number ? `${part} ${number}` : part,
    range: messages.t('common.range', { start: messages.time(session.startMinute), end: messages.time(session.endMinute) }),
  }
}
