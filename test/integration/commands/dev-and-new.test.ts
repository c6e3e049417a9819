import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { affectedEditions } from '../../../src/commands/dev/affected-editions.ts'
import { startDevServer, type DevServer } from '../../../src/commands/dev/server.ts'
import { loadProject } from '../../../src/load/project.ts'
import { scaffold } from '../../../src/commands/new.ts'
import { runChecks } from '../../../src/commands/check/check.ts'
import { kit } from '../../helpers/cli.ts'
import { copyFixture, KIT } from '../../helpers/project.ts'

/** Server-sent events from `url`, kept until aborted; `next(name)` resolves when one of that name arrives. */
function listen(url: string, signal: AbortSignal) {
  const waiting: { name: string; resolve: () => void }[] = []
  void fetch(url, { signal })
    .then(async (res) => {
      const reader = res.body!.getReader()
      const decoder = new TextDecoder()
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        for (const match of decoder.decode(value).matchAll(/^event: (\w+)/gm)) {
          for (const w of waiting.filter((x) => x.name === match[1])) {
            waiting.splice(waiting.indexOf(w), 1)
            w.resolve()
          }
        }
      }
    })
    .catch(() => undefined)
  return { next: (name: string) => new Promise<void>((resolve) => waiting.push({ name, resolve })) }
}

describe('kit dev', () => {
  let root: string
  let server: DevServer
  let events: ReturnType<typeof listen>
  const abort = new AbortController()

  beforeAll(async () => {
    root = await copyFixture('mini')
    server = await startDevServer({ root, log: () => {} })
    events = listen(`${server.url}__kit/events`, abort.signal)
  })
  afterAll(async () => {
    abort.abort()
    await server.close()
  })

  it('serves the landing page and edition pages on 127.0.0.1 with the live-reload script', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const home = await fetch(server.url)
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('learner/long/index.html')
    const handout = await (await fetch(`${server.url}learner/long/handout.html`)).text()
    expect(handout).toContain('/__kit/live.js')
    expect((await fetch(`${server.url}learner/long/`)).status).toBe(200)
  })

  it('serves every link on its pages: HTML it built, PDFs, PPTX and zips from the last kit build, else a page saying how to build them', async () => {
    const pages = ['', 'learner/long/index.html', 'learner/short/index.html']
    const links = new Set<string>()
    for (const page of pages) {
      const html = await (await fetch(`${server.url}${page}`)).text()
      for (const [, href] of html.matchAll(/href="([^"#]+)"/g)) {
        if (!/^[a-z]+:/.test(href!)) links.add(new URL(href!, `${server.url}${page}`).pathname)
      }
    }
    const fullBuild = [...links].filter((l) => /\.(pdf|pptx|zip)$/.test(l))
    expect(fullBuild).toEqual(expect.arrayContaining(['/learner/long.zip', '/learner/short.zip']))
    for (const link of links) {
      const res = await fetch(`${server.url}${link.slice(1)}`)
      if (fullBuild.includes(link)) {
        expect(res.status, link).toBe(404)
        expect(await res.text(), link).toContain('run <code>kit build</code>')
      } else expect(res.status, link).toBe(200)
    }
    expect(await (await fetch(`${server.url}learner/long/slides.pdf`)).text()).toContain('learner/long/slides.pdf is not built yet')
    await mkdir(path.join(root, 'dist/learner/long'), { recursive: true })
    await writeFile(path.join(root, 'dist/learner/long/slides.pdf'), '%PDF-1.7 from the last build')
    const pdf = await fetch(`${server.url}learner/long/slides.pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(await pdf.text()).toBe('%PDF-1.7 from the last build')
  })

  it('rebuilds on save, reloads pages, shows errors as an overlay and recovers', async () => {
    const file = path.join(root, 'content/modules/01-alpha.md')
    const original = readFileSync(file, 'utf8')
    let next = server.nextBuild()
    let event = events.next('reload')
    await writeFile(file, original.replace('ALPHA-FIRST slide', 'EDITED-FIRST slide'))
    expect((await next).ok).toBe(true)
    expect(await (await fetch(`${server.url}instructor/long/slides.html`)).text()).toContain('EDITED-FIRST slide')
    await event

    next = server.nextBuild()
    event = events.next('problem')
    await writeFile(file, original.replace('duration: 10', 'duration: [oops'))
    const failed = await next
    expect(failed.ok).toBe(false)
    expect(failed.error).toMatch(/KIT_YAML_SYNTAX content\/modules\/01-alpha\.md:\d+:\d+/)
    await event
    // The last good build is still served.
    expect((await fetch(`${server.url}instructor/long/slides.html`)).status).toBe(200)

    next = server.nextBuild()
    await writeFile(file, original)
    const recovered = await next
    expect(recovered.ok).toBe(true)
    expect(recovered.editions.sort()).toEqual(['instructor/long', 'instructor/short', 'learner/long', 'learner/short'])
  })

  it("re-renders a saved module's preview at once, before the editions", async () => {
    const index = await (await fetch(`${server.url}__kit/modules/`)).text()
    expect(index).toContain('/__kit/modules/alpha.html')
    const before = await (await fetch(`${server.url}__kit/modules/alpha.html`)).text()
    expect(before).toContain('data-kit-module="alpha"')
    expect(before).toContain('/__kit/live.js')
    expect(before).toContain('ALPHA-FIRST slide')
    expect(before).not.toContain('Content-Security-Policy')

    const file = path.join(root, 'content/modules/01-alpha.md')
    const original = readFileSync(file, 'utf8')
    const preview = server.nextPreview()
    const build = server.nextBuild()
    const event = events.next('module')
    await writeFile(file, original.replace('ALPHA-FIRST slide', 'PREVIEWED-FIRST slide'))
    expect((await preview).id).toBe('alpha')
    expect(await (await fetch(`${server.url}__kit/modules/alpha.html`)).text()).toContain('PREVIEWED-FIRST slide')
    await event
    expect((await build).ok).toBe(true)

    const restored = server.nextBuild()
    await writeFile(file, original)
    await restored
    expect((await fetch(`${server.url}__kit/modules/nope.html`)).status).toBe(404)
  })

  it('re-renders only the editions a change affects', async () => {
    const lab = path.join(root, 'exercises/01-first-lab.md')
    const next = server.nextBuild()
    await writeFile(lab, readFileSync(lab, 'utf8').replace('Learn lab 1.', 'Learn lab 1, edited.'))
    const outcome = await next
    expect(outcome.editions).toEqual(['learner/long', 'instructor/long'])
    expect(await (await fetch(`${server.url}learner/long/exercises/first-lab.html`)).text()).toContain('Learn lab 1, edited.')
    expect((await fetch(`${server.url}learner/short/index.html`)).status).toBe(200)
    expect(await (await fetch(server.url)).text()).toContain('learner/short/index.html')
  })
})

describe('kit dev: which editions a change affects', () => {
  it('goes by the ids of the loaded project, never by text that looks like an id', async () => {
    const root = await copyFixture('mini')
    // A module without an id key whose slide shows YAML with `id: alpha`.
    await writeFile(path.join(root, 'content/modules/03-gamma.md'), '---\ntitle: Gamma\n---\n\n## YAML on a slide\n\n```yaml\nid: alpha\n```\n\n<!-- Notes. -->\n')
    const workshop = path.join(root, 'content/workshop.yaml')
    await writeFile(workshop, `${readFileSync(workshop, 'utf8')}  - id: gamma-only\n    title: Gamma only\n    length: 10\n    items: [gamma]\n`)
    const { project } = await loadProject(root)
    expect(affectedEditions(project!.content, ['content/modules/03-gamma.md'])).toEqual(['gamma-only'])
    expect(affectedEditions(project!.content, ['exercises/01-first-lab.md'])).toEqual(['long'])
    expect(affectedEditions(project!.content, ['content/quiz/quiz.yaml'])).toEqual([])
  })
})

describe('kit dev from the command line', () => {
  it('prints its URL, serves, and exits cleanly on Ctrl-C', async () => {
    const root = await copyFixture('mini')
    const child = spawn(process.execPath, [path.join(KIT, 'bin/kit.js'), 'dev', '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] })
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (d) => {
        out += String(d)
        const match = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)
        if (match) resolve(match[1]!)
      })
      child.on('exit', () => reject(new Error(`kit dev exited early: ${out}`)))
    })
    expect((await fetch(`${url}learner/long/index.html`)).status).toBe(200)
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const stdout: string[] = []
    child.stdout.on('data', (d) => stdout.push(String(d)))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(stdout.join('')).toContain('kit dev: stopped')
    await expect(fetch(url)).rejects.toThrow()
  })
})

describe('kit new', () => {
  it('writes modules and exercises that pass validation, numbered after the last file, and never overwrites', async () => {
    const root = await copyFixture('mini')
    expect(await scaffold(root, 'module', 'cgroups-deep-dive')).toBe('content/modules/03-cgroups-deep-dive.md')
    expect(await scaffold(root, 'exercise', 'my-lab')).toBe('exercises/03-my-lab.md')
    await expect(scaffold(root, 'module', 'cgroups-deep-dive')).rejects.toMatchObject({ exitCode: 2 })
    await expect(scaffold(root, 'module', 'Bad Slug')).rejects.toMatchObject({ exitCode: 2 })
    const { project, problems } = await loadProject(root)
    expect(problems.errors).toEqual([])
    expect(problems.warnings).toEqual([])
    expect(project?.content.modules.map((m) => m.id)).toContain('cgroups-deep-dive')
    expect(project?.content.exercises.find((e) => e.id === 'my-lab')?.sections).toHaveLength(9)
  })

  it('refuses an id a module or exercise already has, with the reason', async () => {
    const root = await copyFixture('mini')
    await expect(scaffold(root, 'exercise', 'alpha')).rejects.toMatchObject({ exitCode: 2, problems: [{ code: 'KIT_ID_TAKEN' }] })
    const result = await kit(['new', 'exercise', 'alpha', '--root', root])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('The module content/modules/01-alpha.md already has the id "alpha"')
    expect(existsSync(path.join(root, 'exercises/03-alpha.md'))).toBe(false)
  })

  it('run from a subfolder, writes into the project, says how to add the file to an edition, and kit check lists what is left to do', async () => {
    const root = await copyFixture('mini')
    const result = await kit(['new', 'module', 'what-is-git'], {}, path.join(root, 'content/modules'))
    expect(result.code, result.stderr).toBe(0)
    expect(existsSync(path.join(root, 'content/modules/03-what-is-git.md'))).toBe(true)
    expect(existsSync(path.join(root, 'content/modules/content'))).toBe(false)
    expect(result.stdout).toContain('created content/modules/03-what-is-git.md')
    expect(result.stdout).toContain(`next: add "what-is-git" to an edition's items in content/workshop.yaml`)
    const { problems } = await runChecks(root, { browser: false })
    const found = problems.warnings.filter((p) => p.location?.file === 'content/modules/03-what-is-git.md').map((p) => [p.code, p.location?.line])
    expect(found).toEqual([
      ['KIT_UNUSED_ITEM', 1],
      ['KIT_PLACEHOLDER', 6],
    ])
    const placeholder = problems.warnings.find((p) => p.code === 'KIT_PLACEHOLDER')
    expect(placeholder?.message).toContain('lines 6, 7, 9, 10, 12, 18, 19, 22, 24, 31, 33')
  })
})
