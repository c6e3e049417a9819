import type { Learner } from '../load/roster.ts'
import type { Attendance } from '../load/session-records.ts'
import type { HalfDay } from './sessions.ts'

/**
 * Who gets a certificate of completion, and its number.
 *
 * The number is `<EDITION>-<YYYYMMDD>-<NNN>`: the edition's id, the event's
 * date (left out when workshop.yaml has none) and the learner's position
 * on the roster, from 001. The same roster and workshop.yaml always give
 * the same numbers, and the number reveals nothing of the name; a learner
 * added at the end of the roster does not renumber the others.
 */
export interface Certified {
  learner: Learner
  /** 1-based position on the roster. */
  position: number
  number: string
}

export function certificateNumber(editionId: string, date: string | undefined, position: number): string {
  const day = date ? `-${date.replace(/-/g, '')}` : ''
  return `${editionId.toUpperCase()}${day}-${String(position).padStart(3, '0')}`
}

/**
 * The learners who completed the edition: everyone on the roster when no
 * attendance is recorded; otherwise those present at every session
 * `required` names (by default all of the edition's half-days).
 */
export function certifiedLearners(
  learners: readonly Learner[],
  options: { editionId: string; date?: string; sessions: readonly HalfDay[]; attendance?: readonly Attendance[]; required?: readonly string[] },
): Certified[] {
  const required = options.required ?? options.sessions.map((s) => s.id)
  const present = options.attendance && new Map(options.attendance.map((a) => [a.learner, new Set(a.sessions)]))
  return learners
    .map((learner, i) => ({ learner, position: i + 1, number: certificateNumber(options.editionId, options.date, i + 1) }))
    .filter(({ learner }) => !present || required.every((id) => present.get(learner.name)?.has(id)))
}
