import type { Content } from '../load/content.ts'
import { editionsIn } from '../load/language-content.ts'
import { languagesOf } from '../load/translations.ts'
import { languageLink, type LanguageLink } from '../render/views/landing.ts'

/** Every language's editions, for the language switch of a page in `lang` (of `edition`, or the home page). */
export function languageLinks(content: Content, lang: string, edition?: string): LanguageLink[] {
  return (
    languagesOf(content)
      .map((other) => ({ lang: other, editions: editionsIn(content, other).map((e) => e.id) }))
      // A language without editions has no pages to link to.
      .filter(({ editions }) => editions.length > 0)
      .map(({ lang: other, editions }) => languageLink(other, lang, content.workshop.language, edition !== undefined && editions.includes(edition) ? edition : undefined, edition !== undefined))
  )
}
