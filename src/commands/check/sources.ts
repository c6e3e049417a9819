import { closest } from '../../core/closest.ts'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path/posix'
import { formatDuration } from '../../plan/agenda.ts'
import { moduleImages } from '../../load/module-images.ts'
import { freshnessPolicy } from '../../load/freshness-limit.ts'
import type { Content } from '../../load/content.ts'
import { missingImage } from '../../load/assets.ts'
import type { Exercise } from '../../load/exercise.ts'
import type { Module } from '../../load/module.ts'
import { resolveTarget } from '../../load/references.ts'
import { planEdition } from '../../plan/edition-plan.ts'
import type { Problems } from '../../core/problems.ts'
import { checkFreshness } from './stale-sources.ts'
import { checkPlaceholders } from './placeholders.ts'

/**
 * Authoring checks that need no browser: the pitfalls Marp leaves silent and
 * the habits a printed kit depends on. Pure apart from `files`, which asks
 * the disk about project paths, and `today`, the date sources are judged
 * by when the workshop has no event date.
 */
export function checkSources(content: Content, problems: Problems, files: ProjectFiles, today = new Date()): void {
  for (const module of content.modules) {
    checkLegacyDirectives(module, problems)
    checkNotes(module, problems)
    checkImagesAndLinks(module, problems, files)
  }
  checkFreshness(content.modules, freshnessPolicy(content.workshop, today), problems)
  checkEditionLengths(content, problems)
  checkUnused(content, problems)
  checkPlaceholders([...content.modules, ...content.exercises], problems)
}

/** The per-file checks of modules and exercises, for translations: notes, images and links, legacy directives, placeholders. */
export function checkTranslatedItems(modules: Module[], exercises: Exercise[], problems: Problems, files: ProjectFiles): void {
  for (const module of modules) {
    checkLegacyDirectives(module, problems)
    checkNotes(module, problems)
    checkImagesAndLinks(module, problems, files)
  }
  checkPlaceholders([...modules, ...exercises], problems)
}

/** A module or exercise that no edition lists is never built into anything a learner sees. */
function checkUnused(content: Content, problems: Problems): void {
  const used = new Set([...content.workshop.spares, ...content.workshop.editions.flatMap((e) => e.items.filter((i): i is string => typeof i === 'string'))])
  const items = [...content.modules, ...content.exercises]
  const ids = items.map((i) => i.id)
  // An id listed with a typo is an error that already names the item it meant ("did you mean"): no second report for it.
  const meant = new Set([...used].filter((id) => !ids.includes(id)).map((id) => closest(id, ids)))
  for (const item of items) {
    if (used.has(item.id) || meant.has(item.id)) continue
    const idLine = item.source.split('\n').findIndex((l) => /^id:/.test(l))
    problems.warn({
      code: 'KIT_UNUSED_ITEM',
      message: `The ${item.kind} "${item.id}" (${item.file}) is in no edition, so no deck, sheet or guide shows it.`,
      hint: `Add "${item.id}" to the items of an edition in content/workshop.yaml, or to its \`spares:\` if you keep it for later.`,
      location: { file: item.file, line: idLine < 0 ? 1 : idLine + 1, column: 1 },
    })
  }
}

/**
 * An edition's total against its `length:`, judged only when each of its
 * items loaded: one that failed would make the total wrong, and its error
 * says what to fix first.
 */
function checkEditionLengths(content: Content, problems: Problems): void {
  const known = new Set([...content.modules, ...content.exercises].map((i) => i.id))
  content.workshop.editions.forEach((edition, e) => {
    if (edition.items.some((item) => typeof item === 'string' && !known.has(item))) return
    const plan = planEdition(content, edition)
    if (!plan.agenda.offTarget) return
    const direction = plan.agenda.total > edition.length ? 'over' : 'under'
    problems.warn({
      code: 'KIT_EDITION_LENGTH',
      message: `Edition "${edition.id}" runs ${formatDuration(plan.agenda.total)}, ${Math.abs(Math.round(plan.agenda.deviation * 100))} % ${direction} its target length of ${formatDuration(edition.length)}.`,
      hint: `Adjust module durations or the items, or set \`length: ${plan.agenda.total}\` if the plan is right.`,
      location: content.locateWorkshop?.(['editions', e, 'length']) ?? { file: 'content/workshop.yaml' },
    })
  })
}

/** Marp v0 wrote directives as `<!-- $theme: gaia -->`; Marp today shows them as speaker notes. */
function checkLegacyDirectives(module: Module, problems: Problems): void {
  for (const { name, line, column } of module.legacyDirectives) {
    problems.warn({
      code: 'KIT_MARP_LEGACY_DIRECTIVE',
      message: `${module.file} uses the Marp v0 directive "${name}", which current Marp ignores (it becomes a speaker note).`,
      hint: name === 'page_number' ? 'Write `paginate: true` in the front matter.' : `Write \`${name.replace(/^\$/, '')}: …\` in the front matter (deck-wide settings come from workshop.yaml).`,
      location: { file: module.file, line, column },
    })
  }
}

function checkNotes(module: Module, problems: Problems): void {
  module.notes.forEach((notes, k) => {
    if (notes.join('').trim() !== '') return
    problems.warn({
      code: 'KIT_NO_NOTES',
      message: `Slide ${k + 1} of ${module.file}${module.slideTitles[k] ? ` ("${module.slideTitles[k]}")` : ''} has no speaker notes.`,
      hint: 'Add an HTML comment at the end of the slide: what to say, a timing cue, a likely question.',
      location: { file: module.file, line: module.slideLines[k] ?? 1, column: 1 },
    })
  })
}

function checkImagesAndLinks(module: Module, problems: Problems, files: ProjectFiles): void {
  // Remote, outside and malformed image paths: the same problems the deck assembly reports, for every module, in an edition or not.
  moduleImages(module, problems)
  for (const ref of module.references) {
    const target = resolveTarget(ref.url, module.file)
    if (ref.kind === 'image') {
      if (!hasAltText(ref.text) && !/\bbg\b/.test(ref.text)) {
        problems.warn({
          code: 'KIT_IMAGE_ALT',
          message: `An image in ${module.file} has no alt text (${ref.url}).`,
          hint: ref.html
            ? 'Add alt="…" describing the image; screen readers and the handout use it.'
            : 'Describe the image in the brackets: ![VM stack diagram h:400](…); screen readers and the handout use it.',
          location: ref.location,
        })
      }
      if (target.kind === 'local' && !files.exists(target.projectPath)) problems.add(missingImage(target.projectPath, files.siblings(target.projectPath), ref.location))
      continue
    }
    if (target.kind === 'malformed') {
      problems.add({ code: 'KIT_BAD_URL', message: `The link ${ref.url} in ${module.file} cannot be read: ${target.reason}.`, location: ref.location })
    } else if (target.kind === 'outside') {
      problems.add({
        code: 'KIT_PATH_OUTSIDE',
        message: `The link ${ref.url} in ${module.file} points outside the project.`,
        hint: 'Link to files inside the project, or use a full https:// URL.',
        location: ref.location,
      })
    } else if (target.kind === 'local' && !files.exists(target.projectPath)) {
      problems.warn({ code: 'KIT_BROKEN_LINK', message: `The link ${ref.url} in ${module.file} points to ${target.projectPath}, which does not exist.`, location: ref.location })
    }
  }
}

/** Marp's image keywords (size, position, filters) are not a description. */
function hasAltText(text: string): boolean {
  const keyword = /^(w|h|width|height|bg|left|right|top|bottom|contain|cover|fit|auto|vertical|sepia|grayscale|blur|brightness|contrast|drop-shadow|hue-rotate|invert|opacity|saturate)(:.*)?$/
  return text.split(/\s+/).some((w) => w && !keyword.test(w) && !/^\d+(px|%)?$/.test(w))
}

/** What the authoring checks may ask of the disk, by project path. */
export interface ProjectFiles {
  exists(projectPath: string): boolean
  /** File names in the folder of `projectPath`, for "did you mean". */
  siblings(projectPath: string): string[]
}

/** The project's files on disk. */
export function projectFiles(root: string): ProjectFiles {
  return {
    exists: (p) => existsSync(`${root}/${p}`),
    siblings: (p) => {
      try {
        return readdirSync(`${root}/${path.dirname(p)}`, { withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => e.name)
      } catch {
        return []
      }
    },
  }
}
