import { existsSync } from 'node:fs'
import path from 'node:path/posix'
import { formatDuration } from '../agenda.ts'
import { freshnessPolicy } from '../freshness.ts'
import type { Content } from '../load/content.ts'
import type { Module } from '../load/module.ts'
import { planEdition } from '../plan.ts'
import type { Problems } from '../problems.ts'
import { checkFreshness } from './freshness.ts'

/**
 * Authoring checks that need no browser: the pitfalls Marp leaves silent and
 * the habits a printed kit depends on. Pure apart from `exists`, which asks
 * whether a project path is a file, and `today`, the date sources are judged
 * by when the workshop has no event date.
 */
export function checkSources(content: Content, problems: Problems, exists: (projectPath: string) => boolean, today = new Date()): void {
  for (const module of content.modules) {
    checkLegacyDirectives(module, problems)
    checkNotes(module, problems)
    checkImagesAndLinks(module, problems, exists)
  }
  checkFreshness(content.modules, freshnessPolicy(content.workshop, today), problems)
  for (const edition of content.workshop.editions) {
    const plan = planEdition(content, edition)
    if (plan.agenda.offTarget) {
      problems.warn({
        code: 'KIT_EDITION_LENGTH',
        message: `Edition "${edition.id}" runs ${formatDuration(plan.agenda.total)} against a target of ${formatDuration(edition.length)}.`,
        hint: 'Adjust module durations, items or the edition length in workshop.yaml.',
        location: { file: 'content/workshop.yaml' },
      })
    }
  }
}

/** Marp v0 wrote directives as `<!-- $theme: gaia -->`; Marp today shows them as speaker notes. */
const LEGACY = /<!--\s*(\$(?:theme|size|width|height|prerender)|page_number|template|footer)\s*:\s*([^\n]*?)\s*-->/g

function checkLegacyDirectives(module: Module, problems: Problems): void {
  for (const match of module.source.matchAll(LEGACY)) {
    const name = match[1] ?? ''
    if (name === 'footer' || name === 'template') continue
    const at = locate(module.source, match.index ?? 0)
    problems.warn({
      code: 'KIT_MARP_LEGACY_DIRECTIVE',
      message: `${module.file} uses the Marp v0 directive "${name}", which current Marp ignores (it becomes a speaker note).`,
      hint: name === 'page_number' ? 'Write `paginate: true` in the front matter.' : `Write \`${name.replace(/^\$/, '')}: …\` in the front matter (deck-wide settings come from workshop.yaml).`,
      location: { file: module.file, ...at },
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

function checkImagesAndLinks(module: Module, problems: Problems, exists: (p: string) => boolean): void {
  const dir = path.dirname(module.file)
  const body = withoutCode(module.body)
  for (const match of body.matchAll(/(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?[^)]*\)/g)) {
    const [, bang, text = '', url = ''] = match
    const at = { file: module.file, ...locate(module.body, match.index ?? 0, module.bodyLine) }
    if (bang) {
      const words = text.split(/\s+/).filter((w) => w && !/^(w|h|width|height|bg|left|right|top|bottom|contain|cover|fit|auto|vertical|sepia|grayscale|blur|brightness|contrast|drop-shadow|hue-rotate|invert|opacity|saturate)(:.*)?$/.test(w) && !/^\d+(px|%)?$/.test(w))
      if (words.length === 0 && !/\bbg\b/.test(text)) {
        problems.warn({
          code: 'KIT_IMAGE_ALT',
          message: `An image in ${module.file} has no alt text (${url}).`,
          hint: 'Describe the image in the brackets: ![VM stack diagram h:400](…); screen readers and the handout use it.',
          location: at,
        })
      }
      const local = !/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(url)
      const target = path.normalize(path.join(dir, decodeURI(url.split(/[?#]/)[0] ?? '')))
      if (local && !target.startsWith('../') && !url.startsWith('/') && !exists(target)) {
        problems.add({ code: 'KIT_MISSING_IMAGE', message: `The image ${target} does not exist.`, hint: 'Check the file name and that the path is relative to the markdown file.', location: at })
      }
      continue
    }
    if (/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(url)) continue
    const target = path.normalize(path.join(dir, decodeURI(url.split('#')[0] ?? '')))
    if (target.startsWith('../') || url.startsWith('/')) {
      problems.add({ code: 'KIT_PATH_OUTSIDE', message: `The link ${url} in ${module.file} points outside the project.`, hint: 'Link to files inside the project, or use a full https:// URL.', location: at })
    } else if (!exists(target)) {
      problems.warn({ code: 'KIT_BROKEN_LINK', message: `The link ${url} in ${module.file} points to ${target}, which does not exist.`, hint: 'Fix the path; it is relative to the markdown file.', location: at })
    }
  }
}

/** Blanks fenced code (keeping line count) so examples inside it are not checked. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ' '))
}

function locate(text: string, offset: number, firstLine = 1): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n')
  return { line: firstLine + before.length - 1, column: (before[before.length - 1] ?? '').length + 1 }
}

/** A project-relative existence test on disk. */
export function fileExists(root: string): (projectPath: string) => boolean {
  return (p) => existsSync(`${root}/${p}`)
}
