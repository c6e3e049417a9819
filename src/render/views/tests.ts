import { choiceLetter } from '../../core/choice-letters.ts'
import type { Content } from '../../load/content.ts'
import type { Question } from '../../load/schemas.ts'
import type { EditionPlan } from '../../plan/edition-plan.ts'
import { testQuestions, type TestKind } from '../../plan/scores.ts'
import { renderInline } from '../markdown-html.ts'
import { pageBase, type PageStyles } from './common.ts'
import { trainingFacts } from './paperwork.ts'

/**
 * The positioning test (questions asked before the course) and the
 * evaluation (asked after), each as a form to hand out and an answer key
 * for the trainer. Both are in the instructor set: the trainer prints and
 * hands them out at their moment, and an evaluation published beforehand
 * would be learned by heart rather than measured.
 */
const KEYS = {
  before: { title: 'title.positioningTest', keyTitle: 'title.positioningKey', kind: 'doc.positioningTest', keyKind: 'doc.positioningKey', intro: 'test.beforeIntro', file: 'before.csv' },
  after: { title: 'title.evaluation', keyTitle: 'title.evaluationKey', kind: 'doc.evaluation', keyKind: 'doc.evaluationKey', intro: 'test.afterIntro', file: 'after.csv' },
} as const

/** Questions of a test grouped by module and numbered through it. */
function numbered(plan: EditionPlan, questions: readonly Question[], dash: string) {
  let number = 0
  return plan.modules
    .map((module) => ({
      title: module.title,
      questions: questions
        .filter((q) => q.module === module.id)
        .map((q) => {
          number++
          const index = q.choices?.indexOf(q.answer) ?? -1
          return {
            number,
            id: q.id,
            question: renderInline(q.question),
            choices: q.choices?.map((c, i) => ({ letter: choiceLetter(i), html: renderInline(c) })),
            answer: renderInline(index >= 0 ? `${choiceLetter(index)}${dash}${q.answer}` : q.answer),
            explanation: renderInline(q.explanation ?? ''),
          }
        }),
    }))
    .filter((m) => m.questions.length > 0)
}

/** The form learners fill in: their name, the date, each question with letter boxes or lines. */
export function testFormView(content: Content, plan: EditionPlan, kind: TestKind, styles: PageStyles) {
  const { t } = content.messages
  const keys = KEYS[kind]
  const modules = numbered(plan, testQuestions(plan.quiz, kind), t('common.dash')).map((m) => ({
    title: m.title,
    questions: m.questions.map(({ number, question, choices }) => ({ number, question, choices })),
  }))
  return { ...pageBase(content, styles, t(keys.title, { workshop: content.workshop.title }), plan.edition), kind: t(keys.kind), intro: t(keys.intro), facts: trainingFacts(content, plan), modules }
}

/** The trainer's key: answers, explanations and each question's id (the column of the results CSV). */
export function testKeyView(content: Content, plan: EditionPlan, kind: TestKind, styles: PageStyles) {
  const { t } = content.messages
  const keys = KEYS[kind]
  return {
    ...pageBase(content, styles, t(keys.keyTitle, { workshop: content.workshop.title }), plan.edition),
    kind: t(keys.keyKind),
    intro: t('test.keyIntro', { file: keys.file }),
    modules: numbered(plan, testQuestions(plan.quiz, kind), t('common.dash')),
  }
}
