import { execFile } from 'node:child_process'
import { accessSync, constants, existsSync, readdirSync, readFileSync, statfsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import type { MachineFacts } from '../../load/lab-results.ts'
import { machineWords } from '../../load/lab-words.ts'
import { labReason, englishWords, type Why } from './reasons.ts'

/**
 * What this machine offers the labs: the facts a step's `needs` are checked
 * against, and the description written next to each verification.
 */

export interface HostFacts {
  platform: NodeJS.Platform
  root: boolean
  /** Server version of a Docker daemon that answered, if any. */
  docker?: string
  /** Why Docker steps cannot run, as a reason code. */
  dockerMissing?: 'dockerNotInstalled' | 'noDockerDaemon'
  cgroup?: 'v1' | 'v2'
  kvm: boolean
  /** Swap space is enabled (/proc/swaps lists a device or file). */
  swap: boolean
  /** A normal user may create a user namespace and use root's powers in it (need `userns`). */
  userns: boolean
  /** What refused it, when refused ("unshare: mount failed: No space left on device"). */
  usernsMissing?: string
  kernel: string
  os: string
  arch: string
  user: string
  unshare?: string
}

const run = promisify(execFile)

/** The PATH lab terminals get (after kit's sudo): the system's, not the caller's. */
export const LAB_SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

export async function probeHost(): Promise<HostFacts> {
  const docker = await probeDocker()
  const userns = await probeUserNamespaces()
  const unshare = await run('unshare', ['--version'], { timeout: 5_000 }).then(
    (r) => r.stdout.trim().replace(/^unshare from /, ''),
    () => undefined,
  )
  return {
    platform: process.platform,
    root: process.getuid?.() === 0,
    ...docker,
    cgroup: cgroupVersion(),
    kvm: canOpen('/dev/kvm'),
    swap: swapOn(),
    ...userns,
    kernel: os.release(),
    os: osName(),
    arch: os.machine(),
    user: os.userInfo().username,
    unshare,
  }
}

async function probeDocker(): Promise<Pick<HostFacts, 'docker' | 'dockerMissing'>> {
  if (!onPath('docker', process.env.PATH ?? LAB_SYSTEM_PATH)) return { dockerMissing: 'dockerNotInstalled' }
  try {
    const { stdout } = await run('docker', ['version', '--format', '{{.Server.Version}}'], { timeout: 10_000 })
    return stdout.trim() ? { docker: stdout.trim() } : { dockerMissing: 'noDockerDaemon' }
  } catch {
    return { dockerMissing: 'noDockerDaemon' }
  }
}

/**
 * Whether a normal user may create a user namespace and hold capabilities in
 * it: `unshare --user --map-root-user --mount` running a tmpfs mount inside,
 * which `user.max_user_namespaces=0`, `kernel.unprivileged_userns_clone=0`,
 * Ubuntu's AppArmor restriction (24.04) and its `unshare-userns-restrict`
 * profile (25.04, which leaves unshare itself its capabilities but not what
 * it starts) all refuse. As root, it is tried as uid and gid 65534, the
 * `nobody` that `user=nobody` lab terminals run as (Node drops the
 * supplementary groups with them).
 */
async function probeUserNamespaces(): Promise<{ userns: boolean; usernsMissing?: string }> {
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}
  try {
    await run('unshare', ['--user', '--map-root-user', '--mount', 'mount', '-t', 'tmpfs', 'kit-labs', '/tmp'], { timeout: 10_000, cwd: '/', ...asNobody })
    return { userns: true }
  } catch (error) {
    const { stderr, code } = error as { stderr?: string; code?: unknown }
    const why = code === 'ENOENT' ? 'unshare is not installed' : (stderr?.trim().split('\n')[0] ?? '') || (error as Error).message
    return { userns: false, usernsMissing: why }
  }
}

function cgroupVersion(): 'v1' | 'v2' | undefined {
  try {
    // cgroup2 superblock magic 0x63677270; a tmpfs holding v1 hierarchies otherwise.
    return statfsSync('/sys/fs/cgroup').type === 0x63677270 ? 'v2' : 'v1'
  } catch {
    return undefined
  }
}

function swapOn(): boolean {
  try {
    return readFileSync('/proc/swaps', 'utf8').trim().split('\n').length > 1
  } catch {
    return false
  }
}

function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8')
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1] ?? os.type()
  } catch {
    return os.type()
  }
}

function canOpen(file: string): boolean {
  try {
    accessSync(file, constants.R_OK | constants.W_OK)
    return true
  } catch {
    return false
  }
}

/** Whether `pattern` names a file; `*` in its last part matches any characters. */
export function fileExists(pattern: string): boolean {
  const dir = path.dirname(pattern)
  const base = path.basename(pattern)
  if (!base.includes('*')) return existsSync(pattern)
  const re = new RegExp(
    `^${base
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  )
  try {
    return readdirSync(dir).some((name) => re.test(name))
  } catch {
    return false
  }
}

export function onPath(program: string, searchPath = LAB_SYSTEM_PATH): boolean {
  return searchPath.split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, program), constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

/** Why `need` is not met here, or undefined when it is. */
export function unmetNeed(need: string, host: HostFacts): Why | undefined {
  switch (need) {
    case 'linux':
      return host.platform === 'linux' ? undefined : labReason('needsLinux', { platform: host.platform })
    case 'root':
      return host.root ? undefined : labReason('needsRoot')
    case 'userns':
      return host.userns ? undefined : host.usernsMissing === undefined ? labReason('needsUserns') : labReason('needsUsernsRefused', { error: host.usernsMissing })
    case 'docker':
      return host.docker ? undefined : labReason(host.dockerMissing ?? 'noDockerDaemon')
    case 'cgroup-v1':
    case 'cgroup-v2':
      if (host.cgroup === need.slice(7)) return undefined
      return host.cgroup ? labReason('needsCgroup', { version: need.slice(7), found: host.cgroup }) : labReason('needsCgroupNone', { version: need.slice(7) })
    case 'swap':
      return host.swap ? undefined : labReason('needsSwap')
    case 'kvm':
      return host.kvm ? undefined : labReason('needsKvm')
    default:
      if (need.startsWith('cmd:')) return onPath(need.slice(4)) ? undefined : labReason('needsCommand', { command: need.slice(4) })
      if (need.startsWith('file:')) return fileExists(need.slice(5)) ? undefined : labReason('needsFile', { file: need.slice(5) })
      return labReason('unknownNeed', { need })
  }
}

/** Where the labs ran, as the results file records it: facts the sheet words in its language. */
export function machineFacts(host: HostFacts, runtime: 'linux' | 'docker' | undefined): MachineFacts {
  const uses = runtime === 'linux' || !host.docker ? 'namespaces' : runtime === 'docker' ? 'docker' : 'both'
  const { kernel, arch, os, cgroup, user, docker, dockerMissing, unshare } = host
  return { kernel, arch, os, cgroup, user, docker, dockerMissing: docker ? undefined : (dockerMissing ?? 'noDockerDaemon'), unshare, uses }
}

/** One line for the terminal and the results file: where the labs ran, in English. */
export function describeHost(host: HostFacts): string {
  return machineWords(machineFacts(host, undefined), englishWords())?.host ?? ''
}

/** What ran the steps, in English: "Linux namespaces (unshare, util-linux 2.41) and Docker 29.0.1". */
export function describeRuntime(host: HostFacts, runtime: 'linux' | 'docker' | undefined): string {
  return machineWords(machineFacts(host, runtime), englishWords())?.runtime ?? ''
}
