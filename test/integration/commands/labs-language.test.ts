import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { kit } from '../../helpers/cli.ts'
import { copyFixture } from '../../helpers/project.ts'
import { canUnshare } from '../../helpers/namespaces.ts'

/** The sandbox needs Linux namespaces: as root, or through an unprivileged user namespace. */

/**
 * kit labs records where it ran and why a step was skipped as facts and
 * codes beside its English words, so a French instructor sheet says it in
 * French. The terminal stays English.
 */
describe.skipIf(!canUnshare)('kit labs on a French workshop', () => {
  it('records facts and codes, and the instructor sheet words them in French', async () => {
    const root = await copyFixture('mini')
    const workshop = path.join(root, 'content/workshop.yaml')
    await writeFile(workshop, (await readFile(workshop, 'utf8')).replace('language: en-GB', 'language: fr'))
    const lab = path.join(root, 'exercises/01-first-lab.md')
    const skipped = '### 2. A program this machine lacks\n\n```sh run needs=cmd:no-such-program-kit\nno-such-program-kit\n```\n\n```text expect\nnothing\n```\n\n'
    await writeFile(lab, (await readFile(lab, 'utf8')).replace('## Check your work', `${skipped}## Check your work`))
    const labs = await kit(['labs', '--root', root, '--yes', '--exercise', 'first-lab'], { NO_COLOR: '1' })
    expect(labs.code, labs.stdout + labs.stderr).toBe(0)
    expect(labs.stdout).toContain('skipped: needs no-such-program-kit (not on PATH)')
    const results = JSON.parse(await readFile(path.join(root, 'lab-results.json'), 'utf8'))
    const result = results.exercises['first-lab']
    expect(result.machine).toMatchObject({ user: expect.any(String), kernel: expect.any(String), uses: expect.stringMatching(/^(namespaces|both)$/) })
    expect(result.steps[1]).toMatchObject({ status: 'skipped', reason: 'needs no-such-program-kit (not on PATH)', why: { code: 'needsCommand', values: { command: 'no-such-program-kit' } } })

    const built = await kit(['build', '--root', root, '--edition', 'long', '--formats', 'html', '--quiet'])
    expect(built.code, built.stderr).toBe(0)
    const sheet = await readFile(path.join(root, 'dist/instructor/long/exercises/first-lab.instructor.html'), 'utf8')
    const box = /<aside class="lab-status[\s\S]*?<\/aside>/.exec(sheet)?.[0] ?? ''
    expect(box).toContain(`en tant que ${result.machine.user}`)
    expect(box).toContain('espaces de noms Linux (unshare')
    expect(box).toContain('nécessite no-such-program-kit (absent du PATH)')
    for (const english of [' as ', 'no Docker', 'Docker daemon', 'Linux namespaces', 'not on PATH', 'needs ', ' passed', 'skipped']) expect(box, english).not.toContain(english)
    const guide = await readFile(path.join(root, 'dist/instructor/long/guide.html'), 'utf8')
    expect(guide).toContain(`en tant que ${result.machine.user}`)
    expect(guide).not.toContain('Linux namespaces')
  }, 180_000)
})
