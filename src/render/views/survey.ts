import type { Messages } from '../../core/messages.ts'
import type { Content } from '../../load/content.ts'
import { PACE_CHOICES, SCALE_MAX, type SurveyQuestion, surveyQuestions } from '../../load/survey.ts'
import type { EditionPlan } from '../../plan/edition-plan.ts'
import { pageBase, type PageStyles } from './common.ts'
import { trainingFacts } from './paperwork.ts'

/**
 * The satisfaction survey as a printed form (learner set: learners may
 * see it before the day), in the workshop's language: kit's questions from
 * the catalogue, the author's as written in workshop.yaml.
 */
export interface SurveyItemView {
  number: number
  id: string
  question: string
  kind: SurveyQuestion['kind']
  /** The boxes to tick: 1–5 for a scale, the choices, yes and no. */
  options: string[]
}

/** A question's words and options in the workshop's language. */
export function surveyItems(content: Content): SurveyItemView[] {
  const { t } = content.messages
  return surveyQuestions(content.workshop).map((q, i) => ({
    number: i + 1,
    id: q.id,
    question: q.question ?? t(`survey.question.${q.id}`),
    kind: q.kind,
    options: optionsOf(q, content.messages),
  }))
}

function optionsOf(q: SurveyQuestion, messages: Messages): string[] {
  if (q.kind === 'scale') return Array.from({ length: SCALE_MAX }, (_, i) => String(i + 1))
  if (q.kind === 'yes-no') return [messages.t('survey.answerYes'), messages.t('survey.answerNo')]
  if (q.kind === 'choice') return q.choices ?? (q.id === 'pace' ? PACE_CHOICES.map((k) => messages.t(k)) : [])
  return []
}

export function surveyView(content: Content, plan: EditionPlan, styles: PageStyles) {
  const { t } = content.messages
  const items = surveyItems(content)
  return {
    ...pageBase(content, styles, t('title.survey', { workshop: content.workshop.title }), plan.edition),
    facts: trainingFacts(content, plan),
    items,
    scaleHint: items.some((i) => i.kind === 'scale') ? t('survey.scaleHint', { max: SCALE_MAX }) : '',
  }
}
