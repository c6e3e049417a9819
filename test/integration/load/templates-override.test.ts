import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../../src/commands/build.ts'
import { eject } from '../../../src/commands/eject.ts'
import { KitError } from '../../../src/core/problems.ts'
import { copyFixture, KIT } from '../../helpers/project.ts'

/** A project's templates/ replaces kit's file by file; `kit eject` copies one in to edit. */
describe('templates, file by file', () => {
  it('a project with one stylesheet and one partial of its own builds, with kit providing the rest', async () => {
    const root = await copyFixture('mini')
    await mkdir(path.join(root, 'templates/partials'), { recursive: true })
    const print = await readFile(path.join(KIT, 'templates/print.css'), 'utf8')
    await writeFile(path.join(root, 'templates/print.css'), `${print}\n.project-print-marker { color: rgb(1, 2, 3); }\n`)
    const cover = await readFile(path.join(KIT, 'templates/partials/cover.hbs'), 'utf8')
    await writeFile(path.join(root, 'templates/partials/cover.hbs'), `<p class="project-cover">PROJECT-COVER</p>\n${cover}`)
    const out = path.join(root, 'dist')
    await build({ root, out, editions: [], formats: ['html'] })
    const handout = readFileSync(path.join(out, 'learner/long/handout.html'), 'utf8')
    expect(handout).toContain('.project-print-marker')
    expect(handout).toContain('PROJECT-COVER')
    expect(readFileSync(path.join(out, 'instructor/long/guide.html'), 'utf8')).toContain('PROJECT-COVER')
  })

  it('kit eject copies a template in, never overwrites, and suggests the name meant', async () => {
    const root = await copyFixture('mini')
    expect(await eject(root, ['handout.hbs', 'templates/partials/head.hbs'])).toEqual(['templates/handout.hbs', 'templates/partials/head.hbs'])
    expect(readFileSync(path.join(root, 'templates/handout.hbs'), 'utf8')).toBe(readFileSync(path.join(KIT, 'templates/handout.hbs'), 'utf8'))
    await expect(eject(root, ['handout.hbs'])).rejects.toMatchObject({ exitCode: 2, problems: [{ code: 'KIT_EXISTS' }] })
    const error = await eject(root, ['handot.hbs']).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(KitError)
    expect((error as KitError).problems[0]?.message).toBe('kit has no template "handot.hbs". Did you mean handout.hbs?')
    expect(existsSync(path.join(root, 'templates/guide.hbs'))).toBe(false)
    await build({ root, out: path.join(root, 'dist'), editions: ['short'], formats: ['html'] })
  })
})

describe('local files in theme and print CSS', () => {
  it('are inlined into every output; a missing one is an error at its line and column', async () => {
    const root = await copyFixture('mini')
    await mkdir(path.join(root, 'templates'), { recursive: true })
    await writeFile(path.join(root, 'templates/logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><title>LOGO-MARK</title></svg>')
    const print = await readFile(path.join(KIT, 'templates/print.css'), 'utf8')
    await writeFile(path.join(root, 'templates/print.css'), `${print}\n.cover { background: url("logo.svg") no-repeat; }\n`)
    const out = path.join(root, 'dist')
    await build({ root, out, editions: ['short'], formats: ['html'] })
    const handout = readFileSync(path.join(out, 'learner/short/handout.html'), 'utf8')
    expect(handout).toContain(`url("data:image/svg+xml;base64,${Buffer.from(readFileSync(path.join(root, 'templates/logo.svg'))).toString('base64')}")`)

    const lines = `${print}\n.cover { background: url("logo.svg") no-repeat; }\n.x { background: url(missing.png); }\n`
    await writeFile(path.join(root, 'templates/print.css'), lines)
    const error = await build({ root, out, editions: ['short'], formats: ['html'] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(KitError)
    expect((error as KitError).problems.map((p) => [p.code, p.location?.file, p.location?.line, p.location?.column])).toEqual([
      ['KIT_MISSING_ASSET', 'templates/print.css', lines.split('\n').length - 1, 22],
    ])
  })
})
