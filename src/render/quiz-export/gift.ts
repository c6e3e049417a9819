import type { Question } from '../../load/schemas.ts'

/**
 * The quiz in Moodle's GIFT format (docs/paperwork.md), for the question
 * bank of an LMS: one `$CATEGORY:` per module, each question named by its
 * id, its text and choices in markdown (`[markdown]`, which Moodle renders),
 * the right choice `=`, the others `~`, the explanation as general feedback
 * (`####`). A question without choices is a short answer with its one right
 * answer.
 *
 * GIFT gives `~ = # { } :` a meaning and a backslash escapes each; a
 * backslash itself is written twice, a line break as `\n`, since a blank
 * line ends a question.
 */
export interface ExportModule {
  id: string
  title: string
  questions: readonly Question[]
}

/** Text safe anywhere in a GIFT question. */
export function giftEscape(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/[~=#{}:]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, '\\n')
}

/** A category path for Moodle: `/` separates levels, so a slash inside a title is doubled. */
export function categoryName(...levels: string[]): string {
  return levels.map((l) => l.replace(/\//g, '//').replace(/\s+/g, ' ').trim()).join('/')
}

export function giftQuiz(workshopTitle: string, modules: readonly ExportModule[]): string {
  const blocks: string[] = [`// ${workshopTitle.replace(/\n/g, ' ')}: quiz for Moodle (GIFT). Written by kit; import with "GIFT format" and "Get category from file".`]
  for (const module of modules) {
    if (module.questions.length === 0) continue
    blocks.push(`$CATEGORY: $course$/${categoryName(workshopTitle, module.title)}`)
    for (const q of module.questions) blocks.push(giftQuestion(q))
  }
  return `${blocks.join('\n\n')}\n`
}

function giftQuestion(q: Question): string {
  const lines = [`::${giftEscape(q.id)}::[markdown]${giftEscape(q.question)} {`]
  if (q.choices) for (const choice of q.choices) lines.push(`\t${choice === q.answer ? '=' : '~'}${giftEscape(choice)}`)
  else lines.push(`\t=${giftEscape(q.answer)}`)
  if (q.explanation?.trim()) lines.push(`\t####${giftEscape(q.explanation.trim())}`)
  lines.push('}')
  return lines.join('\n')
}
