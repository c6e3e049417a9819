import { browserForTests } from '../../helpers/browser.ts'
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { snapshot } from '../../helpers/cli.ts'
import { describe, expect, it } from 'vitest'
import { copyFixture, KIT } from '../../helpers/project.ts'

/**
 * A build killed at any point leaves the previous dist/ complete, and no
 * browser process behind; the next build cleans up after it.
 */
const browser = await browserForTests()

/** Browser profile folders used by the descendants of `pid` (puppeteer gives each browser its own). */
function browserProfiles(pid: number): string[] {
  const children = (() => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number)
    } catch {
      return []
    }
  })()
  const own = (() => {
    try {
      return /--user-data-dir=([^\0]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1]
    } catch {
      return undefined
    }
  })()
  return [...new Set([...(own ? [own] : []), ...children.flatMap(browserProfiles)])]
}

/** Processes still running with one of these browser profiles. */
function browserProcesses(profiles: string[]): number {
  return profiles.reduce((n, profile) => {
    try {
      return n + execFileSync('pgrep', ['-f', profile], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).length
    } catch {
      return n
    }
  }, 0)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function startBuild(root: string, out: string) {
  const child = spawn(process.execPath, [path.join(KIT, 'bin/kit.js'), 'build', '--root', root, '--out', out, '--force', '--quiet'], { stdio: 'ignore' })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))))
  // Wait for the event "the browser is running" (export has started), polling the process tree.
  let profiles: string[] = []
  for (let i = 0; i < 400 && profiles.length === 0; i++) {
    await sleep(50)
    profiles = browserProfiles(child.pid ?? 0)
  }
  return { child, exited, profiles }
}

async function waitForNoBrowser(profiles: string[]): Promise<number> {
  for (let i = 0; i < 50 && browserProcesses(profiles) > 0; i++) await sleep(200)
  return browserProcesses(profiles)
}

describe.skipIf(!browser)('killing a build', () => {
  for (const signal of ['SIGINT', 'SIGKILL'] as const) {
    it(`${signal} during export leaves the previous dist/ as it was and no browser running`, async () => {
      const root = await copyFixture('mini')
      const out = path.join(await mkdtemp(path.join(tmpdir(), 'kit-kill-')), 'dist')
      execFileSync(process.execPath, [path.join(KIT, 'bin/kit.js'), 'build', '--root', root, '--out', out, '--formats', 'html,pdf', '--quiet'])
      const before = snapshot(out)
      const { child, exited, profiles } = await startBuild(root, out)
      expect(browserProcesses(profiles)).toBeGreaterThan(0)
      child.kill(signal)
      expect(await exited).not.toBe(0)
      expect(await waitForNoBrowser(profiles)).toBe(0)
      expect(snapshot(out)).toEqual(before)
      // The next build is not blocked by the dead one's lock, and cleans its leftovers.
      execFileSync(process.execPath, [path.join(KIT, 'bin/kit.js'), 'build', '--root', root, '--out', out, '--formats', 'html', '--quiet'])
      expect(existsSync(`${out}.lock`)).toBe(false)
      expect(readdirSync(path.dirname(out)).filter((n) => /staging|old/.test(n))).toEqual([])
    })
  }

  it('a build that fails during export leaves no browser running', async () => {
    const root = await copyFixture('mini')
    const beta = path.join(root, 'content/modules/02-beta.md')
    writeFileSync(beta, readFileSync(beta, 'utf8').replace('headingDivider: 2', 'headingDivider: 2\nstyle: |\n  section { background-image: url("https://example.org/x.png"); }'))
    const child = spawn(process.execPath, [path.join(KIT, 'bin/kit.js'), 'build', '--root', root, '--out', path.join(root, 'dist'), '--formats', 'pdf', '--quiet'], { stdio: 'ignore' })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const profiles = new Set<string>()
    let done = false
    void exited.then(() => {
      done = true
    })
    while (!done) {
      for (const p of browserProfiles(child.pid ?? 0)) profiles.add(p)
      await sleep(50)
    }
    expect(await exited).toBe(1)
    expect(profiles.size).toBeGreaterThan(0)
    expect(await waitForNoBrowser([...profiles])).toBe(0)
  })

  it('a second build on the same folder stops with a clear message while the first runs', async () => {
    const root = await copyFixture('mini')
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'kit-lock-')), 'dist')
    const { exited, profiles } = await startBuild(root, out)
    let second: { code: number; stderr: string }
    try {
      execFileSync(process.execPath, [path.join(KIT, 'bin/kit.js'), 'build', '--root', root, '--out', out, '--formats', 'html'], { encoding: 'utf8', stdio: 'pipe' })
      second = { code: 0, stderr: '' }
    } catch (error) {
      const e = error as { status: number; stderr: string }
      second = { code: e.status, stderr: e.stderr }
    }
    expect(second.code).toBe(1)
    expect(second.stderr).toContain('KIT_LOCKED')
    expect(second.stderr).toMatch(/Another kit build \(process \d+\) is writing to dist\//)
    expect(await exited).toBe(0)
    expect(profiles.length).toBeGreaterThan(0)
    expect(await waitForNoBrowser(profiles)).toBe(0)
  })
})
