import type { Content } from '../load/content.ts'
import type { Exercise } from '../load/exercise.ts'
import type { EditionPlan } from '../plan.ts'
import type { Audience } from '../render/markdown.ts'
import { exerciseView, pageBase, type PageStyles } from './common.ts'

/** One exercise sheet, for learners (no solutions) or instructors. */
export function exerciseSheetView(content: Content, plan: EditionPlan, exercise: Exercise, audience: Audience, styles: PageStyles) {
  const kind = audience === 'instructor' ? 'Exercise — instructor sheet' : 'Exercise'
  return {
    ...pageBase(content, styles, `${exercise.title} — ${audience === 'instructor' ? 'instructor' : 'exercise'}`, plan.edition),
    kind,
    exercise: exerciseView(exercise, audience, content),
  }
}

/** Every exercise of the edition in one learner booklet. */
export function bookletView(content: Content, plan: EditionPlan, styles: PageStyles) {
  return {
    ...pageBase(content, styles, `${content.workshop.title} — exercises`, plan.edition),
    exercises: plan.exercises.map((e) => exerciseView(e, 'learner', content)),
  }
}
