import type { Agenda } from './agenda.ts'

/**
 * The half-day sessions of an edition, from its agenda's clock: the
 * attendance sheet has a signature column per session, and certificates
 * count their hours. A break of MEAL_BREAK minutes or more (lunch) ends a
 * session and is not part of either; shorter breaks (coffee) are part of
 * the session they fall in. A session is a morning when it starts before
 * noon, an afternoon before 18:00, an evening after.
 */

export type DayPart = 'morning' | 'afternoon' | 'evening'

export interface HalfDay {
  /** `morning`, `afternoon`, `evening`; `afternoon-2` for a second one (the column name in attendance.csv). */
  id: string
  part: DayPart
  /** Minutes since midnight of the start day. */
  startMinute: number
  endMinute: number
}

/** A break at least this long splits the day (a meal), in minutes. */
export const MEAL_BREAK = 30

export function halfDays(agenda: Agenda): HalfDay[] {
  const sessions: HalfDay[] = []
  let current: { startMinute: number; endMinute: number } | undefined
  const close = () => {
    if (!current) return
    const part = dayPart(current.startMinute)
    const count = sessions.filter((s) => s.part === part).length
    sessions.push({ id: count === 0 ? part : `${part}-${count + 1}`, part, ...current })
    current = undefined
  }
  for (const entry of agenda.entries) {
    if (entry.kind === 'break' && entry.minutes >= MEAL_BREAK) {
      close()
      continue
    }
    const end = entry.startMinute + entry.minutes
    current = current ? { ...current, endMinute: end } : { startMinute: entry.startMinute, endMinute: end }
  }
  close()
  // Trailing or leading coffee breaks are not training time.
  return sessions.map((s) => trimBreaks(s, agenda))
}

function dayPart(minute: number): DayPart {
  const clock = ((minute % 1440) + 1440) % 1440
  return clock < 12 * 60 ? 'morning' : clock < 18 * 60 ? 'afternoon' : 'evening'
}

/** A session that begins or ends with a break starts at its first item and ends after its last. */
function trimBreaks(session: HalfDay, agenda: Agenda): HalfDay {
  const inside = agenda.entries.filter((e) => e.kind !== 'break' && e.startMinute >= session.startMinute && e.startMinute < session.endMinute)
  const first = inside[0]
  const last = inside.at(-1)
  if (!first || !last) return session
  return { ...session, startMinute: first.startMinute, endMinute: last.startMinute + last.minutes }
}

/** Training time of an edition: its sessions end to end (short breaks in, meal breaks out), in minutes. */
export function trainingMinutes(sessions: readonly HalfDay[]): number {
  return sessions.reduce((sum, s) => sum + (s.endMinute - s.startMinute), 0)
}
