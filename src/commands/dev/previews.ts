import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { InputLog } from '../../load/input-log.ts'
import { parseModule } from '../../load/module.ts'
import { decodeSource, LAYOUT } from '../../load/read-sources.ts'
import { Problems } from '../../core/problems.ts'
import { loadProject, type Project } from '../../load/project.ts'
import { renderModulePreview } from '../../render/editions.ts'

/**
 * Module previews for `kit dev`, kept in memory: the project is loaded once
 * (and again when something else than a module changes); a saved module is
 * re-read and re-rendered alone, in tens of milliseconds, before the editions
 * are rebuilt. Rendering goes through the pipeline's own order
 * (`renderModulePreview`), so the brand, fonts and theme are an edition's.
 */
export class ModulePreviews {
  private project: Project | undefined
  private readonly pages = new Map<string, string>()

  constructor(private readonly root: string) {}

  /** (Re)loads the project: theme, size, fonts, brand, the module list. A project that does not load keeps the last one. */
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
    this.pages.set(module.id, await renderModulePreview(project, module, { problems, inputs: new InputLog(), today: new Date() }))
    return module.id
  }
}

/** True for a module file (relative path with forward slashes). */
export function isModuleFile(file: string): boolean {
  return file.startsWith(`${LAYOUT.modules}/`) && file.endsWith('.md') && !file.slice(LAYOUT.modules.length + 1).includes('/')
}
