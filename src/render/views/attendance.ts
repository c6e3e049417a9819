import type { Content } from '../../load/content.ts'
import type { Learner } from '../../load/roster.ts'
import type { EditionPlan } from '../../plan/edition-plan.ts'
import { pageBase, type PageStyles } from './common.ts'
import { trainingFacts } from './paperwork.ts'

/** Rows printed without a roster: one A4 page of names to write in. */
export const BLANK_ROWS = 16

/**
 * The attendance sheet of an edition: who signed for each half-day
 * session, and the trainer's signature per session. Names come from the
 * roster in its order; without one, blank rows to fill in by hand.
 */
export function attendanceView(content: Content, plan: EditionPlan, styles: PageStyles, learners?: readonly Learner[]) {
  const { t } = content.messages
  const facts = trainingFacts(content, plan)
  const named = learners && learners.length > 0
  const rows = named
    ? learners.map((l, i) => ({ number: i + 1, name: l.name, organisation: l.organisation ?? '' }))
    : Array.from({ length: BLANK_ROWS }, (_, i) => ({ number: i + 1, name: '', organisation: '' }))
  return {
    ...pageBase(content, styles, t('title.attendance', { workshop: content.workshop.title }), plan.edition),
    facts,
    rows,
    blank: !named,
    // An organisation column only when the roster gives one (blank sheets keep it: learners write it in).
    showOrganisation: !named || rows.some((r) => r.organisation !== ''),
  }
}
