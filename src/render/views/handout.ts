import { withoutPrintRules } from '../deck/css-scope.ts'
import type { AssembledDeck } from '../deck/assemble-deck.ts'
import type { Content } from '../../load/content.ts'
import { firstHeading } from '../../load/module.ts'
import type { EditionPlan } from '../../plan/edition-plan.ts'
import { agendaView, pageBase, type PageStyles } from './common.ts'

/**
 * The handout: per module its objectives, its slides as vector thumbnails
 * (the Marp SVG itself, scaled) beside ruled note lines, takeaways and
 * sources; then the glossary.
 */
export function handoutView(content: Content, plan: EditionPlan, deck: AssembledDeck, slides: string[], marpCss: string, styles: PageStyles) {
  const modules = plan.modules.map((module, i) => {
    const part = deck.parts.find((p) => p.kind === 'module' && p.moduleId === module.id)
    const indices = part ? Array.from({ length: part.count }, (_, k) => part.first + k) : []
    return {
      id: module.id,
      number: i + 1,
      title: module.title,
      objectives: module.objectives,
      takeaways: module.takeaways,
      sources: module.sources,
      slides: indices.map((index) => ({ number: index + 1, svg: slides[index] ?? '', title: firstHeading(slides[index] ?? '') })),
    }
  })
  const glossary = [...content.glossary].sort((a, b) => a.term.localeCompare(b.term, content.workshop.language))
  return {
    ...pageBase(content, styles, content.messages.t('title.handout', { workshop: content.workshop.title }), plan.edition, withoutPrintRules(marpCss)),
    agenda: agendaView(plan.agenda, content.messages),
    slideRatio: content.workshop.size === '4:3' ? '4 / 3' : '16 / 9',
    modules,
    glossary,
  }
}
