/**
 * Where a missing program or file comes from on the distributions the
 * preflight script knows: Debian and Ubuntu (apt), Fedora and RHEL (dnf),
 * Arch (pacman), openSUSE (zypper). Only programs and files that lab
 * exercises commonly use are listed; for any other, the script shows how to
 * ask the package manager which package provides it.
 */

export const FAMILIES = ['deb', 'rpm', 'arch', 'suse'] as const
export type Family = (typeof FAMILIES)[number]

/** A package per family; a family left out has no package of that name (or a program named differently). */
type Packages = Partial<Record<Family, string>>

const same = (name: string): Packages => ({ deb: name, rpm: name, arch: name, suse: name })
const PROCPS: Packages = { deb: 'procps', rpm: 'procps-ng', arch: 'procps-ng', suse: 'procps' }
const IPROUTE: Packages = { deb: 'iproute2', rpm: 'iproute', arch: 'iproute2', suse: 'iproute2' }
const QEMU_USER: Packages = { deb: 'qemu-user', rpm: 'qemu-user', arch: 'qemu-user', suse: 'qemu-linux-user' }

const PROGRAMS: Record<string, Packages> = {
  ps: PROCPS,
  pgrep: PROCPS,
  pkill: PROCPS,
  free: PROCPS,
  top: PROCPS,
  pmap: PROCPS,
  ip: IPROUTE,
  bridge: IPROUTE,
  ss: IPROUTE,
  ping: { deb: 'iputils-ping', rpm: 'iputils', arch: 'iputils', suse: 'iputils' },
  unshare: same('util-linux'),
  nsenter: same('util-linux'),
  lsns: same('util-linux'),
  setpriv: same('util-linux'),
  script: { deb: 'bsdutils', rpm: 'util-linux-script', arch: 'util-linux', suse: 'util-linux' },
  hostname: { deb: 'hostname', rpm: 'hostname', arch: 'inetutils', suse: 'hostname' },
  busybox: { deb: 'busybox-static', rpm: 'busybox', arch: 'busybox', suse: 'busybox' },
  gcc: same('gcc'),
  make: same('make'),
  'aarch64-linux-gnu-gcc': { deb: 'gcc-aarch64-linux-gnu', rpm: 'gcc-aarch64-linux-gnu', arch: 'aarch64-linux-gnu-gcc' },
  file: same('file'),
  capsh: { deb: 'libcap2-bin', rpm: 'libcap', arch: 'libcap', suse: 'libcap-progs' },
  python3: { deb: 'python3', rpm: 'python3', arch: 'python', suse: 'python3' },
  'qemu-system-x86_64': { deb: 'qemu-system-x86', rpm: 'qemu-system-x86', arch: 'qemu-system-x86', suse: 'qemu-x86' },
  'qemu-aarch64': QEMU_USER,
  strace: same('strace'),
  curl: same('curl'),
  jq: same('jq'),
  git: same('git'),
}

/** Files by the path a `file:` need names (Debian's paths: other families may keep them elsewhere). */
const FILES: Record<string, Packages> = {
  '/usr/lib/x86_64-linux-gnu/libc.a': { deb: 'libc6-dev' },
  '/usr/lib/aarch64-linux-gnu/libc.a': { deb: 'libc6-dev' },
  '/etc/ssl/certs/ca-certificates.crt': { deb: 'ca-certificates', arch: 'ca-certificates', suse: 'ca-certificates' },
  '/usr/share/zoneinfo/UTC': { deb: 'tzdata', rpm: 'tzdata', arch: 'tzdata', suse: 'timezone' },
  '/usr/bin/qemu-aarch64*': QEMU_USER,
  '/usr/bin/qemu-aarch64': QEMU_USER,
  '/usr/bin/qemu-aarch64-static': { deb: 'qemu-user-static' },
  '/usr/lib/python3/dist-packages/seccomp*': { deb: 'python3-seccomp' },
}

/** How to install a package on each family (the learner types it). */
const INSTALL: Record<Family, (pkg: string) => string> = {
  deb: (p) => `sudo apt install ${p}`,
  rpm: (p) => `sudo dnf install ${p}`,
  arch: (p) => `sudo pacman -S ${p}`,
  suse: (p) => `sudo zypper install ${p}`,
}

/** How to ask each family's package manager which package provides a path (`*` and `?` kept for its own matching). */
const SEARCH: Record<Family, (path: string) => string> = {
  deb: (p) => `apt-file search ${p}`,
  rpm: (p) => `dnf provides '${p}'`,
  arch: (p) => `pacman -F ${p}`,
  suse: (p) => `zypper search --provides ${p}`,
}

/**
 * The fix per family, marked for the script: `i:COMMAND` installs the
 * package, `f:COMMAND` finds which package provides it.
 */
export type Fixes = Record<Family, string>

/** The fix for a program missing from PATH. */
export function programFixes(program: string): Fixes {
  const known = PROGRAMS[program] ?? {}
  return fixes(known, (family) => (family === 'rpm' ? `*/bin/${program}` : family === 'deb' ? `bin/${program}` : program))
}

/** The fix for a missing file (`*` allowed in its last part, as in `file:` needs). */
export function fileFixes(pattern: string): Fixes {
  return fixes(FILES[pattern] ?? {}, () => pattern)
}

function fixes(known: Packages, searchFor: (family: Family) => string): Fixes {
  const entries = FAMILIES.map((family) => {
    const pkg = known[family]
    return [family, pkg ? `i:${INSTALL[family](pkg)}` : `f:${SEARCH[family](searchFor(family))}`] as const
  })
  return Object.fromEntries(entries) as Fixes
}
