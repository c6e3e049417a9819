import { choiceLetter } from '../../core/choice-letters.ts'
import type { Content } from '../../load/content.ts'
import type { EditionPlan } from '../../plan/edition-plan.ts'
import { renderInline } from '../markdown-html.ts'
import { pageBase, type PageStyles } from './common.ts'

/** Questions grouped by module and numbered through the edition; `dash` sits between an answer's letter and its text. */
export function numberedQuiz(plan: EditionPlan, dash: string) {
  let number = 0
  return plan.modules
    .map((module) => ({
      title: module.title,
      questions: plan.quiz
        .filter((q) => q.module === module.id)
        .map((q) => {
          number++
          const index = q.choices?.indexOf(q.answer) ?? -1
          // Quiz text is author markdown; renderInline escapes raw HTML.
          return {
            number,
            question: renderInline(q.question),
            choices: q.choices?.map(renderInline),
            answer: renderInline(index >= 0 ? `${choiceLetter(index)}${dash}${q.answer}` : q.answer),
            explanation: renderInline(q.explanation ?? ''),
          }
        }),
    }))
    .filter((m) => m.questions.length > 0)
}

/** The learner quiz sheet: questions only. */
export function quizView(content: Content, plan: EditionPlan, styles: PageStyles) {
  const modules = numberedQuiz(plan, content.messages.t('common.dash')).map((m) => ({
    title: m.title,
    questions: m.questions.map(({ number, question, choices }) => ({ number, question, choices })),
  }))
  return { ...pageBase(content, styles, content.messages.t('title.quiz', { workshop: content.workshop.title }), plan.edition), modules }
}

/** The answer key (instructor set): every question with its answer and why, by module. */
export function answerKeyView(content: Content, plan: EditionPlan, styles: PageStyles) {
  return {
    ...pageBase(content, styles, content.messages.t('title.answerKey', { workshop: content.workshop.title }), plan.edition),
    modules: numberedQuiz(plan, content.messages.t('common.dash')),
  }
}
