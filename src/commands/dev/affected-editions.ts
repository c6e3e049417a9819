import type { Content } from '../../load/content.ts'

/**
 * The editions a set of changed files affects, by the ids of the project as
 * just loaded: a module or an exercise only matters to the editions that
 * list it; anything else (workshop.yaml, quiz, glossary, assets, templates)
 * to all. An empty list means all.
 */
export function affectedEditions(content: Content, changed: string[]): string[] {
  const affected = new Set<string>()
  for (const file of changed) {
    const item = [...content.modules, ...content.exercises].find((i) => i.file === file)
    if (!item) return []
    const using = content.workshop.editions.filter((e) => e.items.includes(item.id))
    if (using.length === 0) return []
    for (const e of using) affected.add(e.id)
  }
  return [...affected]
}
