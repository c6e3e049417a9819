import { execFile } from 'node:child_process'
import { accessSync, constants, existsSync, readdirSync, readFileSync, statfsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

/**
 * What this machine offers the labs: the facts a step's `needs` are checked
 * against, and the description written next to each verification.
 */

export interface HostFacts {
  platform: NodeJS.Platform
  root: boolean
  /** Server version of a Docker daemon that answered, if any. */
  docker?: string
  /** Why Docker steps cannot run ("no Docker daemon", "docker not installed"). */
  dockerMissing?: string
  cgroup?: 'v1' | 'v2'
  kvm: boolean
  /** Swap space is enabled (/proc/swaps lists a device or file). */
  swap: boolean
  /** A normal user may create a user namespace and use root's powers in it (need `userns`). */
  userns: boolean
  /** Why not, when not ("refused: unshare failed: No space left on device"). */
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

async function probeDocker(): Promise<{ docker?: string; dockerMissing?: string }> {
  if (!onPath('docker', process.env.PATH ?? LAB_SYSTEM_PATH)) return { dockerMissing: 'Docker is not installed' }
  try {
    const { stdout } = await run('docker', ['version', '--format', '{{.Server.Version}}'], { timeout: 10_000 })
    return stdout.trim() ? { docker: stdout.trim() } : { dockerMissing: 'no Docker daemon' }
  } catch {
    return { dockerMissing: 'no Docker daemon' }
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
    return { userns: false, usernsMissing: `needs unprivileged user namespaces (refused here: ${why})` }
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
export function unmetNeed(need: string, host: HostFacts): string | undefined {
  switch (need) {
    case 'linux':
      return host.platform === 'linux' ? undefined : `needs Linux (this is ${host.platform})`
    case 'root':
      return host.root ? undefined : 'needs root'
    case 'userns':
      return host.userns ? undefined : (host.usernsMissing ?? 'needs unprivileged user namespaces')
    case 'docker':
      return host.docker ? undefined : (host.dockerMissing ?? 'no Docker daemon')
    case 'cgroup-v1':
    case 'cgroup-v2':
      return host.cgroup === need.slice(7) ? undefined : `needs cgroup ${need.slice(7)} (this host has ${host.cgroup ?? 'no cgroup file system'})`
    case 'swap':
      return host.swap ? undefined : 'needs swap space (none enabled here)'
    case 'kvm':
      return host.kvm ? undefined : 'needs /dev/kvm (no hardware virtualisation here)'
    default:
      if (need.startsWith('cmd:')) return onPath(need.slice(4)) ? undefined : `needs ${need.slice(4)} (not on PATH)`
      if (need.startsWith('file:')) return fileExists(need.slice(5)) ? undefined : `needs ${need.slice(5)} (no such file)`
      return `unknown need "${need}"`
  }
}

/** One line for the results file and the guide: where the labs ran. */
export function describeHost(host: HostFacts): string {
  const docker = host.docker ? `Docker ${host.docker}` : `no Docker (${host.dockerMissing ?? 'no daemon'})`
  return `Linux ${host.kernel} ${host.arch}, ${host.os}, cgroup ${host.cgroup ?? '?'}, as ${host.user}; ${docker}`
}
