import type { Content } from '../../load/content.ts'
import type { Exercise } from '../../load/exercise.ts'
import type { EditionPlan } from '../../plan/edition-plan.ts'
import type { Audience } from '../../core/audience.ts'
import { exerciseView, pageBase, type PageStyles } from './common.ts'

/** One exercise sheet, for learners (no solutions) or instructors. */
export function exerciseSheetView(content: Content, plan: EditionPlan, exercise: Exercise, audience: Audience, styles: PageStyles) {
  const { t } = content.messages
  const instructor = audience === 'instructor'
  return {
    ...pageBase(content, styles, t(instructor ? 'title.instructor' : 'title.exercise', { exercise: exercise.title }), plan.edition),
    kind: t(instructor ? 'doc.instructorSheet' : 'doc.exercise'),
    exercise: exerciseView(exercise, audience, content),
  }
}

/** Every exercise of the edition in one learner booklet. */
export function bookletView(content: Content, plan: EditionPlan, styles: PageStyles) {
  return {
    ...pageBase(content, styles, content.messages.t('title.booklet', { workshop: content.workshop.title }), plan.edition),
    exercises: plan.exercises.map((e) => exerciseView(e, 'learner', content)),
  }
}
