import type { Content } from '../../load/content.ts'
import type { Untranslated } from '../../load/language-content.ts'
import type { EditionPlan } from '../../plan/edition-plan.ts'
import type { Audience } from '../../core/audience.ts'
import { agendaView, pageBase, type PageStyles } from './common.ts'

/** The order artefacts are listed in on an edition's landing page. */
const ORDER = ['slides.html', 'slides.pdf', 'slides.pptx', 'slides.md', 'handout.html', 'handout.pdf', 'exercises.pdf', 'check-my-machine.sh', 'guide.html', 'guide.pdf', 'quiz.html', 'quiz.pdf']

/** One entry of a page's language switch. */
export interface LanguageLink {
  lang: string
  /** The language's name in that language ("Deutsch"). */
  label: string
  href: string
  current: boolean
}

/** What an edition's landing page says about languages: the switch, and what falls back to the source language. */
export interface LanguageNote {
  links: LanguageLink[]
  untranslated: Untranslated[]
  sourceLanguage: string
}

/**
 * The link from a page in `current` to the same page in `lang`: its edition
 * page when that language has the edition, else its home page. The source
 * language lives at the output's root, every other language in `<lang>/`.
 */
export function languageLink(lang: string, current: string, sourceLanguage: string, edition: string | undefined, onEditionPage: boolean): LanguageLink {
  const depth = (current === sourceLanguage ? 0 : 1) + (onEditionPage ? 1 : 0)
  const href = `${'../'.repeat(depth)}${lang === sourceLanguage ? '' : `${lang}/`}${edition ? `${edition}/` : ''}index.html`
  const name = languageName(lang, lang)
  // A name as a switch's label starts with a capital, as a menu item does ("Français"); inside a sentence it stays as the language writes it.
  return { lang, label: name.charAt(0).toLocaleUpperCase(lang) + name.slice(1), href, current: lang === current }
}

/** The language without its region or script (`en-GB` → `en`), for a name inside a sentence. */
function baseLanguage(lang: string): string {
  try {
    return new Intl.Locale(lang).language
  } catch {
    return lang
  }
}

/** A language's name in another language (`de` in `de`: "Deutsch"; `en-GB` in `en`: "British English"), or the tag when Intl does not know it. */
export function languageName(lang: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language', languageDisplay: 'dialect' }).of(lang) ?? lang
  } catch {
    return lang
  }
}

const UNTRANSLATED_KEY: Record<Untranslated['kind'], string> = {
  module: 'landing.untranslatedModule',
  exercise: 'landing.untranslatedExercise',
  quiz: 'landing.untranslatedQuiz',
  glossary: 'landing.untranslatedGlossary',
  workshop: 'landing.untranslatedWorkshop',
}

function languageView(content: Content, note: LanguageNote | undefined) {
  if (!note) return {}
  const { t } = content.messages
  const what = (u: Untranslated) => t(UNTRANSLATED_KEY[u.kind], { name: u.name ?? '' })
  return {
    languages: note.links.length > 1 ? { label: t('landing.languages'), links: note.links } : undefined,
    untranslated:
      note.untranslated.length > 0
        ? {
            label: t('landing.untranslated', { language: languageName(baseLanguage(note.sourceLanguage), content.workshop.language) }),
            items: note.untranslated.map((u) => ({ file: u.file, title: what(u) })),
          }
        : undefined,
  }
}

/**
 * Which set a landing page belongs to. The learners' page links nothing of
 * the instructors' set; the instructors' page says to keep it private and
 * links the learners' page of the same edition.
 */
export interface SetNote {
  audience: Audience
  /** From an instructor page: the learners' page of the same edition. */
  learnerPage?: string
}

/** The relative link from `<audience>/<dir>/index.html` to the same edition's page in the other set. */
export function otherSetPage(dir: string, to: Audience): string {
  return `${'../'.repeat(dir.split('/').length + 1)}${to}/${dir}/index.html`
}

/** An edition's landing page: its agenda, every artefact with pages and size, the language switch and what is not yet translated. */
export function landingView(
  content: Content,
  plan: EditionPlan,
  styles: PageStyles,
  title: string,
  files: { path: string; bytes: number; pages?: number }[],
  labels: Map<string, string>,
  set: SetNote,
  language?: LanguageNote,
) {
  const rank = (p: string) => (ORDER.includes(p) ? ORDER.indexOf(p) : p.startsWith('exercises/') ? ORDER.length : ORDER.length + 1)
  const artefacts = files
    .filter((f) => !f.path.startsWith('assets/'))
    .sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path))
    .map((f) => ({ path: f.path, label: labels.get(f.path) ?? f.path, pages: f.pages ?? '', size: content.messages.bytes(f.bytes) }))
  return {
    ...pageBase(content, styles, title, plan.edition),
    agenda: agendaView(plan.agenda, content.messages),
    artefacts,
    instructor: set.audience === 'instructor',
    learnerPage: set.learnerPage,
    ...languageView(content, language),
  }
}

/** A set's home page (learner/index.html, instructor/index.html): every edition built so far, in workshop.yaml's order. */
export function homeView(content: Content, styles: PageStyles, plans: EditionPlan[], links: LanguageLink[], audience: Audience) {
  const order = content.workshop.editions.map((e) => e.id)
  return {
    ...pageBase(content, styles, content.workshop.title),
    instructor: audience === 'instructor',
    languages: links.length > 1 ? { label: content.messages.t('landing.languages'), links } : undefined,
    editions: [...plans]
      .sort((a, b) => order.indexOf(a.edition.id) - order.indexOf(b.edition.id))
      .map((plan) => ({
        id: plan.edition.id,
        title: plan.edition.title,
        lengthText: content.messages.duration(plan.agenda.total),
        moduleCount: content.messages.t('count.modules', { count: plan.modules.length }),
        exerciseCount: content.messages.t('count.exercises', { count: plan.exercises.length }),
      })),
  }
}

/** The output folder's own index.html, for the trainer: each language's editions, with the page of each set. */
export function overviewView(content: Content, styles: PageStyles, languages: { label: string; dir: string; plans: EditionPlan[] }[]) {
  const { t } = content.messages
  return {
    ...pageBase(content, styles, content.workshop.title),
    intro: t('landing.trainerIntro'),
    languages: languages.map((l) => ({
      label: l.label,
      editions: l.plans.map((plan) => ({
        title: plan.edition.title,
        learner: `learner/${l.dir}${plan.edition.id}/index.html`,
        instructor: `instructor/${l.dir}${plan.edition.id}/index.html`,
      })),
    })),
  }
}
