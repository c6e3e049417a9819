import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadProject } from '../../../src/load/project.ts'
import { copyFixture } from '../../helpers/project.ts'

describe('a theme file that is not a Marp theme', () => {
  it('is a problem at the file, not an internal error of the whole load', async () => {
    const root = await copyFixture('mini')
    await mkdir(path.join(root, 'templates/theme'), { recursive: true })
    await writeFile(path.join(root, 'templates/theme/brand.css'), 'section { color: #223; }\n')
    const { project, problems } = await loadProject(root)
    expect(problems.errors.map((p) => [p.code, p.location?.file])).toEqual([['KIT_THEME_CSS', 'templates/theme/brand.css']])
    expect(problems.errors[0]?.hint).toContain('@theme')
    // The rest still loads: kit dev keeps serving and shows the problem.
    expect(project?.content.modules.length).toBeGreaterThan(0)
  })
})
