import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runChecks } from '../../../src/commands/check/check.ts'
import type { Problem } from '../../../src/core/problems.ts'
import { copyFixture } from '../../helpers/project.ts'

/**
 * A walk-through of the mistakes a newcomer makes on a French workshop
 * (docs/reliability.md): each is planted alone into a copy of the fixture,
 * and `kit check` must give exactly one error for it, at the file and line
 * of the mistake (the line holding ⟨ici⟩, or `needle`), naming kit's own
 * words (exercise headings) in French. A warning is allowed only where it
 * adds information, and is listed in `warnings`.
 */
interface Mistake {
  what: string
  code: Problem['code']
  file: string
  edit: (text: string) => string
  needle?: string
  /** Words the error must contain (the French heading kit names). */
  says?: string[]
  /** Warning codes that may come with the error (each adds information). */
  warnings?: Problem['code'][]
}

const WORKSHOP = 'content/workshop.yaml'
const MODULE = 'content/modules/01-premiers-pas.md'
const EXERCISE = 'exercises/01-premier-exercice.md'
const QUIZ = 'content/quiz/01-premiers-pas.yaml'
const GLOSSARY = 'content/glossary.yaml'

const swap = (from: string, to: string) => (text: string) => {
  if (!text.includes(from)) throw new Error(`the fixture has no ${JSON.stringify(from)}`)
  return text.replace(from, to)
}

const mistakes: Mistake[] = [
  // workshop.yaml
  { what: 'editions misspelt', code: 'KIT_SCHEMA', file: WORKSHOP, edit: swap('editions:', 'editons: # ⟨ici⟩') },
  { what: 'title misspelt in French', code: 'KIT_SCHEMA', file: WORKSHOP, edit: swap('title: Atelier shell', 'titre: Atelier shell # ⟨ici⟩') },
  { what: 'edition length misspelt', code: 'KIT_SCHEMA', file: WORKSHOP, edit: swap('length: 40', 'lenght: 40 # ⟨ici⟩') },
  { what: 'an edition key indented by one space too few', code: 'KIT_YAML_SYNTAX', file: WORKSHOP, edit: swap('    title: Demi-journée', '   title: Demi-journée # ⟨ici⟩') },
  { what: 'a tab in the indentation', code: 'KIT_YAML_TAB', file: WORKSHOP, edit: swap('  venue: Salle 2', '\tvenue: Salle 2 # ⟨ici⟩') },
  { what: 'a French date', code: 'KIT_SCHEMA', file: WORKSHOP, edit: swap('date: "2027-03-18"', 'date: 18/03/2027 # ⟨ici⟩') },
  { what: 'a date that does not exist', code: 'KIT_SCHEMA', file: WORKSHOP, edit: swap('date: "2027-03-18"', 'date: "2027-02-30" # ⟨ici⟩') },
  { what: 'a French clock time', code: 'KIT_SCHEMA', file: WORKSHOP, edit: swap('start: "09:00"', 'start: 13h30 # ⟨ici⟩') },
  { what: 'a clock time past midnight', code: 'KIT_SCHEMA', file: WORKSHOP, edit: swap('start: "09:00"', 'start: "25:00" # ⟨ici⟩') },
  { what: 'a break written in French', code: 'KIT_SCHEMA', file: WORKSHOP, edit: swap('{ break: 15, title: Café }', '{ pause: 15 } # ⟨ici⟩') },
  { what: 'a break with its unit', code: 'KIT_SCHEMA', file: WORKSHOP, edit: swap('{ break: 15, title: Café }', '{ break: 15 min } # ⟨ici⟩') },
  { what: 'a brace never closed', code: 'KIT_YAML_SYNTAX', file: WORKSHOP, edit: swap('{ break: 15, title: Café }', '{ break: 15, title: Café # ⟨ici⟩') },
  { what: 'a length with its unit', code: 'KIT_SCHEMA', file: WORKSHOP, edit: swap('length: 40', 'length: 40 min # ⟨ici⟩') },
  { what: 'a break written as a word', code: 'KIT_UNKNOWN_ITEM', file: WORKSHOP, edit: swap('{ break: 15, title: Café }', 'pause # ⟨ici⟩') },
  { what: 'an item id misspelt', code: 'KIT_UNKNOWN_ITEM', file: WORKSHOP, edit: swap('      - premier-exercice', '      - premier-exercise # ⟨ici⟩') },
  { what: 'a language name instead of a tag', code: 'KIT_SCHEMA', file: WORKSHOP, edit: swap('language: fr', 'language: français # ⟨ici⟩') },
  { what: 'a key written twice', code: 'KIT_YAML_SYNTAX', file: WORKSHOP, edit: swap('paper: a4', 'paper: a4\npaper: a4 # ⟨ici⟩') },
  { what: 'an edition id with a space', code: 'KIT_SCHEMA', file: WORKSHOP, edit: swap('id: demi-journee', 'id: demi journée # ⟨ici⟩') },
  // the module
  { what: 'a missing image', code: 'KIT_MISSING_IMAGE', file: MODULE, edit: swap('![Une boîte](../assets/box.svg)', '![Une boîte ⟨ici⟩](../assets/boite.svg)') },
  { what: 'a duration in words', code: 'KIT_SCHEMA', file: MODULE, edit: swap('duration: 10', 'duration: dix # ⟨ici⟩') },
  { what: 'a module code fence never closed', code: 'KIT_UNCLOSED_FENCE', file: MODULE, edit: (t) => `${t}\n---\n\n## Encore\n\n\`\`\`sh ⟨ici⟩\nls\n` },
  { what: 'a front matter list indented wrongly', code: 'KIT_YAML_SYNTAX', file: MODULE, edit: swap('takeaways:\n  - Le shell', 'takeaways:\n  - Le shell lit.\n - Le shell ⟨ici⟩') },
  // the exercise
  {
    what: '## Vérification for ## Vérifier le résultat',
    code: 'KIT_EXERCISE_SECTION',
    file: EXERCISE,
    edit: swap('## Vérifier le résultat', '## Vérification'),
    needle: '## Vérification',
    says: ['## Vérifier le résultat'],
  },
  { what: '## Nettoyer for ## Nettoyage', code: 'KIT_EXERCISE_SECTION', file: EXERCISE, edit: swap('## Nettoyage', '## Nettoyer'), needle: '## Nettoyer', says: ['## Nettoyage'] },
  { what: '## Objectifs for ## Objectif', code: 'KIT_EXERCISE_SECTION', file: EXERCISE, edit: swap('## Objectif', '## Objectifs'), needle: '## Objectifs', says: ['## Objectif"'] },
  { what: 'a heading in another language', code: 'KIT_EXERCISE_SECTION', file: EXERCISE, edit: swap('## Dépannage', '## Fehlerbehebung'), needle: '## Fehlerbehebung', says: ['## Dépannage'] },
  {
    what: 'a heading of its own where a section goes',
    code: 'KIT_EXERCISE_SECTION',
    file: EXERCISE,
    edit: swap('## Avant de commencer', '## Préparation'),
    needle: '## Préparation',
    says: ['## Avant de commencer'],
  },
  { what: 'a section heading of level 3', code: 'KIT_EXERCISE_SECTION', file: EXERCISE, edit: swap('## Objectif', '### Objectif'), needle: '### Objectif', says: ['"## Objectif"'] },
  { what: 'a section heading without its space', code: 'KIT_EXERCISE_SECTION', file: EXERCISE, edit: swap('## Nettoyage', '##Nettoyage'), needle: '##Nettoyage', says: ['"## Nettoyage"'] },
  { what: 'a section left out', code: 'KIT_EXERCISE_SECTION', file: EXERCISE, edit: (t) => t.replace(/## Dépannage\n\n.*\n\n/, ''), needle: '## Nettoyage', says: ['## Dépannage'] },
  {
    what: 'a fence left open inside ## Solution',
    code: 'KIT_UNCLOSED_FENCE',
    file: EXERCISE,
    edit: (t) => swap('`$(( … ))` est', '```sh ⟨ici⟩\necho $((6 * 7))\n\n`$(( … ))` est')(swap('Essayez `echo $((2 ** 10))`.', '```sh\necho $((2 ** 10))\n```')(t)),
  },
  { what: 'a fence left open at the end', code: 'KIT_UNCLOSED_FENCE', file: EXERCISE, edit: swap('Essayez `echo $((2 ** 10))`.', '```sh ⟨ici⟩\necho $((2 ** 10))') },
  { what: 'an empty ## Solution', code: 'KIT_EXERCISE_NO_SOLUTION', file: EXERCISE, edit: (t) => t.replace(/^`\$\(\(.*résultat\.\n/m, ''), needle: '## Solution', says: ['## Solution'] },
  { what: 'an exercise naming a module misspelt', code: 'KIT_UNKNOWN_MODULE', file: EXERCISE, edit: swap('modules: [premiers-pas]', 'modules: [premier-pas] # ⟨ici⟩') },
  { what: 'an exercise duration with its unit', code: 'KIT_SCHEMA', file: EXERCISE, edit: swap('duration: 15', 'duration: 15 min # ⟨ici⟩') },
  // the quiz and the glossary
  { what: 'a quiz answer that is not a choice', code: 'KIT_QUIZ_ANSWER', file: QUIZ, edit: swap('answer: Dans un commentaire HTML', 'answer: Dans un commentaire # ⟨ici⟩') },
  { what: 'a quiz answer misspelt', code: 'KIT_SCHEMA', file: QUIZ, edit: swap('  answer:', '  answr:'), needle: 'answr:' },
  { what: 'a quiz answer left out', code: 'KIT_SCHEMA', file: QUIZ, edit: (t) => t.replace(/^ {2}answer: .*\n/m, ''), needle: '- id: ou-vont-les-notes', says: ['`0.answer` is missing'] },
  { what: 'a quiz question naming a module misspelt', code: 'KIT_UNKNOWN_MODULE', file: QUIZ, edit: swap('module: premiers-pas', 'module: premier-pas # ⟨ici⟩') },
  { what: 'a glossary definition misspelt', code: 'KIT_SCHEMA', file: GLOSSARY, edit: swap('- { term: Shell, definition:', '- { term: Shell,\n    definiton: # ⟨ici⟩\n   ') },
]

/**
 * A misspelt key that is optional leaves a valid file (a module without a
 * duration, a question without choices): one warning, no error.
 */
const optionalTypos: Mistake[] = [
  { what: 'quiz choices misspelt', code: 'KIT_UNKNOWN_KEY', file: QUIZ, edit: swap('  choices:', '  choises: # ⟨ici⟩') },
  { what: 'a venue misspelt', code: 'KIT_UNKNOWN_KEY', file: WORKSHOP, edit: swap('venue: Salle 2', 'venu: Salle 2 # ⟨ici⟩') },
]

async function plant(m: Mistake): Promise<{ root: string; line: number }> {
  const root = await copyFixture('newcomer-fr')
  const file = path.join(root, m.file)
  const text = m.edit(await readFile(file, 'utf8'))
  const line = text.split('\n').findIndex((l) => l.includes(m.needle ?? '⟨ici⟩')) + 1
  expect(line, `${m.what}: the edit marks its line`).toBeGreaterThan(0)
  await writeFile(file, text)
  return { root, line }
}

const TODAY = new Date('2026-12-07T12:00:00Z')
const located = (p: Problem) => `${p.code} ${p.location?.file}:${p.location?.line}`

describe('a newcomer’s mistakes on a French workshop', () => {
  it('the fixture itself is clean', async () => {
    const root = await copyFixture('newcomer-fr')
    const { problems } = await runChecks(root, { browser: false, today: TODAY })
    expect(problems.list.map(located)).toEqual([])
  })

  it.each(mistakes.map((m) => [m.what, m] as const))('%s: one error, at its line', async (_what, m) => {
    const { root, line } = await plant(m)
    const { problems } = await runChecks(root, { browser: false, today: TODAY })
    expect(problems.errors.map(located)).toEqual([`${m.code} ${m.file}:${line}`])
    expect(problems.warnings.filter((p) => !m.warnings?.includes(p.code)).map(located)).toEqual([])
    for (const words of m.says ?? []) expect(problems.errors[0]?.message).toContain(words)
    // Kit's own words for the sections are French: no English heading named.
    if (m.code === 'KIT_EXERCISE_SECTION') expect(`${problems.errors[0]?.message} ${problems.errors[0]?.hint}`).not.toMatch(/Check your work|Clean up|Troubleshooting|Before you start/)
  })

  it.each(optionalTypos.map((m) => [m.what, m] as const))('%s: one warning, at its line', async (_what, m) => {
    const { root, line } = await plant(m)
    const { problems } = await runChecks(root, { browser: false, today: TODAY })
    expect(problems.list.map(located)).toEqual([`${m.code} ${m.file}:${line}`])
  })
})
