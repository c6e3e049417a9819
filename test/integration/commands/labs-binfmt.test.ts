import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import { chmod, cp, readdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BINFMT_MISC, hostHasBinfmtMisc } from '../../../src/commands/labs/sandbox.ts'
import { kit } from '../../helpers/cli.ts'
import { copyFixture, FIXTURES, KIT } from '../../helpers/project.ts'

/**
 * A lab step sees binfmt_misc in the sandbox's fresh /proc exactly where
 * the host has it mounted, as on a learner's machine. The test mounts and
 * unmounts binfmt_misc on the host itself (root only) and puts back the
 * state it found.
 */
const root = process.platform === 'linux' && process.getuid?.() === 0
if (!root && process.env.CI && process.platform === 'linux') throw new Error('CI runs as root: the binfmt_misc sandbox test needs it')

/** binfmt_misc itself at its place (not a systemd automount point, which this test leaves alone). */
const mounted = () => /^\d+ \d+ \S+ \S+ \/proc\/sys\/fs\/binfmt_misc .* - binfmt_misc /m.test(execFileSync('cat', ['/proc/self/mountinfo'], { encoding: 'utf8' }))
const mount = () => {
  if (!mounted()) execFileSync('mount', ['-t', 'binfmt_misc', 'binfmt_misc', BINFMT_MISC])
}
const unmount = () => {
  if (mounted()) execFileSync('umount', [BINFMT_MISC])
}

/** `kit ARGS` as uid and gid 65534, as a normal user would run it. */
async function asNobody(args: string[]): Promise<{ code: number; stdout: string }> {
  const options = { uid: 65534, gid: 65534, cwd: '/tmp', env: { PATH: process.env.PATH, HOME: '/tmp', NO_COLOR: '1' } }
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(KIT, 'bin/kit.js'), ...args], options)
    return { code: 0, stdout }
  } catch (error) {
    const e = error as { code: number; stdout: string }
    return { code: e.code, stdout: e.stdout }
  }
}

describe.skipIf(!root)('binfmt_misc in the lab sandbox (root: the test mounts it on the host)', () => {
  let project: string
  // Read when the file loads: it decides which tests run.
  const original = root && mounted()
  const automount = root && hostHasBinfmtMisc() && !original
  const labs = (env: NodeJS.ProcessEnv = {}) => kit(['labs', '--root', project, '--yes', '--exercise', 'binfmt'], { NO_COLOR: '1', ...env })

  beforeAll(async () => {
    project = await copyFixture('mini')
    await cp(path.join(FIXTURES, 'labs/binfmt.md'), path.join(project, 'exercises/06-binfmt.md'))
  })

  afterAll(() => {
    if (original) mount()
    else unmount()
  })

  it('mounted on the host: the step finds /proc/sys/fs/binfmt_misc/register', async () => {
    mount()
    expect(hostHasBinfmtMisc()).toBe(true)
    const { code, stdout } = await labs()
    expect(stdout).toContain("✓ 1. The kernel's binfmt_misc register")
    expect(code, stdout).toBe(0)
  })

  it.skipIf(automount)('not mounted on the host: neither in the sandbox', async () => {
    unmount()
    const { code, stdout } = await labs()
    expect(stdout).toContain("✗ 1. The kernel's binfmt_misc register")
    expect(stdout).toContain('+ register: absent')
    expect(stdout).not.toContain('cannot mount it')
    expect(code).toBe(1)
  })

  it('run as a normal user, the sandbox cannot mount it, and the failed step says why', async () => {
    mount()
    // The project must be the unprivileged user's to read and write (lab-results.json).
    await chmod(project, 0o777)
    for (const entry of await readdir(project, { recursive: true })) await chmod(path.join(project, entry), 0o777)
    const { code, stdout } = await asNobody(['labs', '--root', project, '--yes', '--exercise', 'binfmt'])
    expect(stdout).toContain('as nobody')
    expect(stdout).toContain('the host has binfmt_misc mounted, but the sandbox cannot mount it in its fresh /proc without root')
    expect(code).toBe(1)
  })
})
