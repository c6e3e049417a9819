import { execFile, execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../../src/commands/build.ts'
import { LAB_SYSTEM_PATH, probeHost } from '../../../src/commands/labs/host.ts'
import { compareVerdicts, parseVerdicts } from '../../../src/commands/labs/preflight.ts'
import { createMessages } from '../../../src/core/messages.ts'
import { kitCatalogues } from '../../../src/load/catalogues.ts'
import { preflightPlan } from '../../../src/render/preflight/checks.ts'
import { renderPreflightScript } from '../../../src/render/preflight/script.ts'
import { exerciseWith } from '../../helpers/preflight.ts'
import { copyFixture } from '../../helpers/project.ts'

/**
 * The learner's preflight script, run: on this machine with dash and bash
 * (its verdicts must be kit labs' own findings), inside a user namespace
 * where user namespaces are switched off, and where Ubuntu's AppArmor
 * restriction or Debian's old sysctl refuse them (root: a mount namespace
 * shows the sysctl, a stand-in unshare fails as Ubuntu's does).
 */

const run = promisify(execFile)
const root = process.getuid?.() === 0
const linux = process.platform === 'linux'
const onPath = (program: string) => LAB_SYSTEM_PATH.split(':').some((dir) => existsSync(path.join(dir, program)))
const shells = ['dash', 'bash'].filter(onPath)
if (process.env.CI && linux && shells.length < 2) throw new Error('CI must have dash and bash: the preflight script is tested with both')
const canUnshare = (() => {
  if (!linux) return false
  try {
    execFileSync('unshare', ['--user', '--map-root-user', 'true'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
if (process.env.CI && linux && !canUnshare) throw new Error('CI must be able to create a user namespace (the preflight script is tested in one)')
const shellcheck = onPath('shellcheck')
if (process.env.CI && !shellcheck) throw new Error('CI must have ShellCheck (scripts/setup.sh installs it)')

const catalogues = kitCatalogues()
const en = createMessages('en', catalogues)
const meta = { workshop: 'Fixture workshop', edition: 'Long' }

/** Needs of every kind, so that each check function runs here. */
const EVERYTHING = preflightPlan([
  exerciseWith({ id: 'a', title: 'Namespaces', requires: ['linux', 'userns', 'a second screen'], steps: ['cmd:sh', 'cmd:kit-no-such-program', 'cgroup-v1', 'cgroup-v2', 'kvm,swap'] }),
  exerciseWith({ id: 'b', title: "It's Docker", requires: ['root'], images: ['kit-test/no-such-image'], steps: ['docker', 'file:/bin/sh', 'file:/no/such/kit-file-*', 'file:/boot/vmlinuz-*'] }),
])

/** The script of `plan` in a file, with a shell to run it and the environment `kit labs` gives it. */
async function scriptFile(plan = EVERYTHING, messages = en): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kit-preflight-test-'))
  const file = path.join(dir, 'check-my-machine.sh')
  await writeFile(file, renderPreflightScript(plan, messages, meta))
  // Readable by the unprivileged user the script tests user namespaces as.
  await chmod(dir, 0o755)
  return file
}

async function runScript(command: string, args: string[], env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { env: { PATH: LAB_SYSTEM_PATH, HOME: tmpdir(), LANG: 'C.UTF-8', ...env }, timeout: 120_000 })
    return { status: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    if (typeof e.code !== 'number') throw error
    return { status: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe.skipIf(!linux)('the preflight script on this machine', () => {
  let file: string
  beforeAll(async () => {
    file = await scriptFile()
  })

  it('runs with /bin/sh, dash and bash, and each verdict is what kit labs finds here', async () => {
    expect(shells.length).toBeGreaterThan(0)
    const host = await probeHost()
    for (const shell of ['sh', ...shells]) {
      const { status, stdout, stderr } = await runScript(shell, [file], { KIT_PREFLIGHT: 'machine' })
      expect(stderr, shell).toBe('')
      const verdicts = parseVerdicts(stdout)
      expect([...verdicts.keys()], shell).toEqual(EVERYTHING.checks.map((c) => c.id))
      const outcome = compareVerdicts(EVERYTHING.checks, verdicts, status, host)
      expect(
        outcome.lines.filter((l) => !l.agrees),
        shell,
      ).toEqual([])
      expect(outcome.badExit, shell).toBeUndefined()
      expect(verdicts.get('cmd:kit-no-such-program')).toBe('fail')
      expect(verdicts.get('file:/no/such/kit-file-*')).toBe('fail')
      expect(verdicts.get('file:/bin/sh')).toBe('pass')
    }
  })

  it('tells the learner each verdict, the fix for their distribution and the exercises that need it', async () => {
    const { status, stdout } = await runScript('sh', [file])
    expect(stdout).toContain('Checking this machine for “Fixture workshop” (Long)')
    expect(stdout).toContain('Also needed, not checked here: a second screen')
    expect(stdout).toMatch(/^ {2}OK {4}Linux$/m)
    expect(stdout).toMatch(/^ {2}WARN {2}The program kit-no-such-program\n {8}kit-no-such-program is not installed \(or not on PATH\)\.\n {8}Fix: .+\n {8}Needed by: Namespaces$/m)
    const release = existsSync('/etc/os-release') ? await readFile('/etc/os-release', 'utf8') : ''
    if (/^ID(_LIKE)?=.*debian/m.test(release)) {
      expect(stdout).toContain('Fix: Install the package that provides it; this finds its name: apt-file search bin/kit-no-such-program')
    }
    expect(stdout).toMatch(/^ {2}(WARN|SKIP) {2}The Docker image kit-test\/no-such-image, pulled$/m)
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(status === 0 ? /^Ready/ : /^Not ready/)
  })

  it.skipIf(!shellcheck)('is clean for ShellCheck as sh, dash and bash', async () => {
    for (const shell of ['sh', 'dash', 'bash']) {
      const { status, stdout } = await runScript('shellcheck', ['--shell', shell, file])
      expect(stdout, shell).toBe('')
      expect(status, shell).toBe(0)
    }
  })
})

/** `user.max_user_namespaces` is per user namespace: set to 0 inside one, it leaves the host alone. */
describe.skipIf(!canUnshare)('the preflight script where user namespaces are switched off', () => {
  const inside = (shell: string, file: string) => ['--user', '--map-root-user', 'sh', '-c', `echo 0 > /proc/sys/user/max_user_namespaces && exec ${shell} "$0"`, file]

  it('fails the userns check as a blocker, says why and how to switch them on, and exits 1', async () => {
    const file = await scriptFile()
    for (const shell of shells) {
      const human = await runScript('unshare', inside(shell, file))
      expect(human.status, shell).toBe(1)
      expect(human.stdout, shell).toMatch(
        /^ {2}FAIL {2}Unprivileged user namespaces \(unshare --user as a normal user\)\n {8}user\.max_user_namespaces is 0: user namespaces are switched off\.\n {8}Fix: Switch them on, now and after a reboot: sudo sysctl -w user\.max_user_namespaces=10000 && echo user\.max_user_namespaces=10000 \| sudo tee \/etc\/sysctl\.d\/90-userns\.conf\n {8}Needed by: Namespaces$/m,
      )
      expect(human.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Not ready/)
      const machine = await runScript('unshare', inside(shell, file), { KIT_PREFLIGHT: 'machine' })
      expect(machine.stdout).toContain('userns\tfail\tblocker\n')
      expect(machine.status).toBe(1)
    }
  })

  it('says it in the workshop’s language', async () => {
    const file = await scriptFile(EVERYTHING, createMessages('fr', catalogues))
    const { stdout } = await runScript('unshare', inside('sh', file))
    expect(stdout).toContain('ÉCHEC')
    expect(stdout).toContain('user.max_user_namespaces vaut 0\u00a0: les espaces de noms utilisateur sont désactivés.')
  })
})

/**
 * Ubuntu 24.04's refusal, as this kernel cannot show it: in a mount
 * namespace, a tmpfs over /proc/sys/kernel holds the sysctl, and an
 * `unshare` first on PATH fails with Ubuntu's message.
 */
describe.skipIf(!root || !linux)('the preflight script where a sysctl restricts user namespaces', () => {
  const restricted = async (sysctl: string, value: string) => {
    const file = await scriptFile()
    const bin = await mkdtemp(path.join(tmpdir(), 'kit-fake-unshare-'))
    await writeFile(path.join(bin, 'unshare'), "#!/bin/sh\necho 'unshare: write failed /proc/self/uid_map: Operation not permitted' >&2\nexit 1\n", { mode: 0o755 })
    await chmod(bin, 0o755)
    const setup = `mount -t tmpfs kit-sysctl /proc/sys/kernel && echo ${value} > /proc/sys/kernel/${sysctl} && PATH=${bin}:$PATH exec sh "$0"`
    return runScript('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', setup, file])
  }

  it('Ubuntu 24.04 and later: names the AppArmor sysctl and how to lift it on a lab VM', async () => {
    const { status, stdout } = await restricted('apparmor_restrict_unprivileged_userns', '1')
    expect(status).toBe(1)
    expect(stdout).toContain('Ubuntu 24.04 and later restrict them with AppArmor (kernel.apparmor_restrict_unprivileged_userns = 1).')
    expect(stdout).toContain('never on a shared machine, lift the restriction for the workshop (a reboot restores it): sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0')
  })

  it('older Debian and Ubuntu kernels: names kernel.unprivileged_userns_clone', async () => {
    const { status, stdout } = await restricted('unprivileged_userns_clone', '0')
    expect(status).toBe(1)
    expect(stdout).toContain('kernel.unprivileged_userns_clone is 0')
    expect(stdout).toContain('Fix: Allow them: sudo sysctl -w kernel.unprivileged_userns_clone=1')
  })
})

describe('the preflight script in the learner set', () => {
  let out: string
  beforeAll(async () => {
    const project = await copyFixture('mini')
    out = path.join(await mkdtemp(path.join(tmpdir(), 'kit-preflight-build-')), 'dist')
    await build({ root: project, out, editions: [], formats: ['html'] })
  }, 120_000)

  it('is written for an edition with exercises, listed on the learners’ page, and never in the instructors’ set', async () => {
    expect(existsSync(path.join(out, 'learner/long/check-my-machine.sh'))).toBe(true)
    expect(existsSync(path.join(out, 'learner/short/check-my-machine.sh'))).toBe(false)
    expect(existsSync(path.join(out, 'instructor/long/check-my-machine.sh'))).toBe(false)
    const landing = await readFile(path.join(out, 'learner/long/index.html'), 'utf8')
    expect(landing).toContain('href="check-my-machine.sh"')
    expect(landing).toContain('Check your machine a week before the workshop (Linux): sh check-my-machine.sh')
  })

  it('the guide tells the trainer to send it a week ahead', async () => {
    const guide = await readFile(path.join(out, 'instructor/long/guide.html'), 'utf8')
    expect(guide).toContain('A week ahead, send learners the script <code>check-my-machine.sh</code> from the learners’ page')
    expect(await readFile(path.join(out, 'instructor/short/guide.html'), 'utf8')).not.toContain('check-my-machine.sh')
  })
})
