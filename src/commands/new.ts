import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parse } from 'yaml'
import { claimedId } from '../load/content.ts'
import { slugFromFileName } from '../load/module.ts'
import { LAYOUT } from '../load/read-sources.ts'
import { usageError } from '../core/problems.ts'
import { KIT_ROOT } from '../core/kit-root.ts'
import { BASE_LANGUAGE } from '../core/messages.ts'
import { namesInLanguage, renderStarter } from './starter-templates.ts'

/**
 * `kit new module|exercise SLUG`: writes a file that passes `kit check`, from
 * templates/new/<kind>.md in the workshop's language (`exercise.fr.md` for a
 * French workshop; the project's templates/new/ before kit's), with the next
 * free number prefix. Never overwrites.
 */
export type ScaffoldKind = 'module' | 'exercise'

export async function scaffold(root: string, kind: string, slug: string | undefined): Promise<string> {
  if (kind !== 'module' && kind !== 'exercise') {
    throw usageError('KIT_USAGE', `kit new makes a module or an exercise, not "${kind}".`, 'Usage: kit new module|exercise SLUG')
  }
  if (!slug || !/^[a-z0-9][a-z0-9-]*$/.test(slug)) {
    throw usageError('KIT_USAGE', `"${slug ?? ''}" is not a valid slug.`, 'Use lower-case letters, digits and dashes, e.g. kit new module cgroups-deep-dive')
  }
  const dir = path.join(root, kind === 'module' ? LAYOUT.modules : LAYOUT.exercises)
  await mkdir(dir, { recursive: true })
  const names = await readdir(dir)
  const taken = names.find((n) => n.replace(/\.md$/, '').replace(/^\d+[-_]/, '') === slug)
  if (taken) {
    throw usageError('KIT_EXISTS', `${path.relative(root, path.join(dir, taken))} already exists.`, 'Pick another slug; kit new never overwrites a file.')
  }
  const owner = (await claimedIds(root)).get(slug)
  if (owner) {
    throw usageError(
      'KIT_ID_TAKEN',
      `The ${owner.kind} ${owner.file} already has the id "${slug}"; a new ${kind} with that id would fail kit check (ids of modules and exercises are shared).`,
      `Pick another slug, e.g. kit new ${kind} ${slug}-${kind === 'exercise' ? 'lab' : 'intro'}`,
    )
  }
  const next = Math.max(0, ...names.map((n) => Number(/^(\d+)[-_]/.exec(n)?.[1] ?? 0))) + 1
  const file = path.join(dir, `${String(next).padStart(2, '0')}-${slug}.md`)
  const candidates = namesInLanguage(`${kind}.md`, await workshopLanguage(root))
  const templatePath = [root, KIT_ROOT].flatMap((r) => candidates.map((name) => path.join(r, LAYOUT.templates, 'new', name))).find((p) => existsSync(p))
  if (!templatePath) throw usageError('KIT_NO_TEMPLATES', `No templates/new/${kind}.md found.`, 'Copy templates/new/ from the kit repository.')
  const title = slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())
  await writeFile(file, renderStarter(await readFile(templatePath, 'utf8'), { title, slug }), { flag: 'wx' })
  return path.relative(root, file)
}

/** The `language:` of the project's workshop.yaml; English when it has none or cannot be read (kit check reports why). */
async function workshopLanguage(root: string): Promise<string> {
  try {
    const language = (parse(await readFile(path.join(root, LAYOUT.workshop), 'utf8')) as { language?: unknown } | null)?.language
    return typeof language === 'string' && language.trim() ? language.trim() : BASE_LANGUAGE
  } catch {
    return BASE_LANGUAGE
  }
}

/** Every id a module or exercise file of the project claims, with the file. */
async function claimedIds(root: string): Promise<Map<string, { kind: ScaffoldKind; file: string }>> {
  const ids = new Map<string, { kind: ScaffoldKind; file: string }>()
  for (const [kind, folder] of [
    ['module', LAYOUT.modules],
    ['exercise', LAYOUT.exercises],
  ] as const) {
    const names = await readdir(path.join(root, folder)).catch(() => [] as string[])
    for (const name of names.filter((n) => n.endsWith('.md'))) {
      const file = `${folder}/${name}`
      const text = await readFile(path.join(root, file), 'utf8').catch(() => '')
      ids.set(claimedId({ path: file, text }), { kind, file })
    }
  }
  return ids
}

/** What to do after `kit new`: the lines the command prints. */
export function nextSteps(file: string): string[] {
  const id = slugFromFileName(file)
  return [
    `created ${file}`,
    `next: add "${id}" to an edition's items in ${LAYOUT.workshop}, where it should run, e.g.`,
    `        items: [..., ${id}, ...]`,
    `      then replace the placeholder text (kit check lists what is left) and run kit check.`,
  ]
}
