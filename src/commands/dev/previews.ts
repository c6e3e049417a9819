import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { readImages } from '../../load/assets.ts'
import { InputLog } from '../../load/input-log.ts'
import { parseModule } from '../../load/module.ts'
import { decodeSource, LAYOUT } from '../../load/read-sources.ts'
import { fontsFor } from '../../render/editions.ts'
import { Problems } from '../../core/problems.ts'
import { loadProject, type Project } from '../../load/project.ts'
import { modulePreviewDeck, modulePreviewHtml } from '../../render/module-preview.ts'

/**
 * Module previews for `kit dev`, kept in memory: the project is loaded once
 * (and again when something else than a module changes); a saved module is
 * re-read and re-rendered alone, in tens of milliseconds, before the editions
 * are rebuilt.
 */
export class ModulePreviews {
  private project: Project | undefined
  private readonly pages = new Map<string, string>()

  constructor(private readonly root: string) {}

  /** (Re)loads the project: theme, size, fonts, the module list. */
  async reload(): Promise<void> {
    const { project } = await loadProject(this.root)
    if (project) this.project = project
    this.pages.clear()
  }

  /** Module ids and titles, for the preview index. */
  list(): { id: string; title: string; file: string }[] {
    return (this.project?.content.modules ?? []).map((m) => ({ id: m.id, title: m.title, file: m.file }))
  }

  /** The preview page of a module, rendered on first request. */
  async page(id: string): Promise<string | undefined> {
    const cached = this.pages.get(id)
    if (cached) return cached
    const module = this.project?.content.modules.find((m) => m.id === id)
    const rendered = module ? await this.render(module.file) : undefined
    return rendered ? this.pages.get(rendered) : undefined
  }

  /**
   * Re-renders the module in `file` (a path relative to the project) from
   * disk; returns its id, or undefined when it does not parse (the full
   * rebuild then reports the problem).
   */
  async render(file: string): Promise<string | undefined> {
    const project = this.project
    if (!project) return undefined
    const problems = new Problems()
    const bytes = await readFile(path.join(this.root, file)).catch(() => undefined)
    const text = bytes && decodeSource(bytes, file, problems)
    const module = text ? parseModule({ path: file, text }, project.marp, problems) : undefined
    if (!module || problems.errors.length > 0) return undefined
    const deck = modulePreviewDeck(module, project.content.workshop, project.marp, problems)
    const inputs = new InputLog()
    const files = await readImages(this.root, deck.images, problems, inputs)
    const fonts = await fontsFor(project, [text ?? '', ...project.themeCss], inputs)
    this.pages.set(module.id, modulePreviewHtml(module, deck, project.marp, { files, fonts: fonts.faces }, project.content.workshop.language))
    return module.id
  }
}

/** True for a module file (relative path with forward slashes). */
export function isModuleFile(file: string): boolean {
  return file.startsWith(`${LAYOUT.modules}/`) && file.endsWith('.md') && !file.slice(LAYOUT.modules.length + 1).includes('/')
}
