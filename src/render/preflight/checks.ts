import type { Exercise } from '../../load/exercise.ts'
import { KNOWN_NEEDS } from '../../load/lab-markers.ts'

/**
 * What the learner's preflight script checks, derived from the exercises it
 * is for: each need of their front matter's `requires:` is a blocker (the
 * exercise cannot be done without it, so the script exits non-zero), each
 * need that only some steps mark (`needs=` on a lab block: the Docker
 * variants, one memory-lab variant per cgroup version) is a warning, as is
 * each image of their `images:` and free disk space. Pure.
 */

export type Severity = 'blocker' | 'warning'

/** Whether a failed check stops the learner (exit status 1) or only warns. */
export interface CheckBase {
  /** Stable name, printed in the script's machine mode: the need (`userns`, `cmd:ip`, `file:/boot/vmlinuz-*`), `cgroup`, `image:NAME`, `disk:home` or `disk:docker`. */
  id: string
  severity: Severity
  /** Titles of the exercises that need it, in edition order. */
  usedBy: string[]
}

export type PreflightCheck = CheckBase &
  (
    | { kind: 'linux' | 'root' | 'userns' | 'docker' | 'kvm' | 'swap' }
    /** Passes with any of `versions` (a lab may have a step per version). */
    | { kind: 'cgroup'; versions: ('v1' | 'v2')[] }
    | { kind: 'command'; program: string }
    | { kind: 'file'; pattern: string }
    /** A `file:` need for a kernel image in /boot, which containers and WSL lack. */
    | { kind: 'kernel'; pattern: string }
    | { kind: 'image'; image: string }
    | { kind: 'disk'; where: 'home' | 'docker'; megabytes: number }
  )

export interface PreflightPlan {
  checks: PreflightCheck[]
  /** `requires:` words that are no need kit knows ("a browser"): listed for the learner, not checked. */
  unchecked: string[]
}

/** Free space the labs' own files want in the learner's home, and Docker's images and builds in its data root. */
export const DISK_MEGABYTES = { home: 1024, docker: 2048 } as const

/** Needs that only a Linux machine meets: a blocker among them makes "Linux" a blocker. */
const LINUX_ONLY = new Set(['linux', 'root', 'userns', 'cgroup', 'kvm', 'swap'])
const ORDER = ['linux', 'root', 'userns', 'cgroup', 'kvm', 'swap', 'docker', 'command', 'kernel', 'file', 'image', 'disk']

interface Noted {
  severity: Severity
  usedBy: string[]
  versions: Set<'v1' | 'v2'>
}

/** The checks for `exercises`, in the order the script runs them. */
export function preflightPlan(exercises: readonly Exercise[]): PreflightPlan {
  const noted = new Map<string, Noted>()
  const unchecked = new Set<string>()
  const note = (need: string, severity: Severity, title: string) => {
    const key = need.startsWith('cgroup-') ? 'cgroup' : need
    const entry = noted.get(key) ?? { severity, usedBy: [], versions: new Set() }
    if (severity === 'blocker') entry.severity = 'blocker'
    if (!entry.usedBy.includes(title)) entry.usedBy.push(title)
    if (need.startsWith('cgroup-')) entry.versions.add(need.slice(7) as 'v1' | 'v2')
    noted.set(key, entry)
  }
  for (const exercise of exercises) {
    for (const word of exercise.requires) {
      if (isNeed(word)) note(word, 'blocker', exercise.title)
      else unchecked.add(word)
    }
    for (const need of stepNeeds(exercise)) note(need, 'warning', exercise.title)
    for (const image of exercise.images) note(`image:${image}`, 'warning', exercise.title)
  }
  if (exercises.length === 0) return { checks: [], unchecked: [] }
  const titles = exercises.map((e) => e.title)
  const checks = [...noted].map(([key, entry]) => toCheck(key, entry))
  linuxCheck(checks, titles)
  checks.push({ id: 'disk:home', kind: 'disk', where: 'home', megabytes: DISK_MEGABYTES.home, severity: 'warning', usedBy: titles })
  const docker = noted.get('docker')
  if (docker) checks.push({ id: 'disk:docker', kind: 'disk', where: 'docker', megabytes: DISK_MEGABYTES.docker, severity: 'warning', usedBy: docker.usedBy })
  const rank = (c: PreflightCheck) => ORDER.indexOf(c.kind)
  return { checks: checks.sort((a, b) => rank(a) - rank(b)), unchecked: [...unchecked] }
}

/** A word kit can check: one of KNOWN_NEEDS, `cmd:PROGRAM` or `file:/PATH` (the grammar of lab markers). */
export function isNeed(word: string): boolean {
  return (KNOWN_NEEDS as readonly string[]).includes(word) || /^cmd:[\w.+-]+$/.test(word) || /^file:\/\S+$/.test(word)
}

/** What the exercise's runnable steps and clean-up blocks need. */
function stepNeeds(exercise: Exercise): string[] {
  const lab = exercise.lab
  if (!lab) return []
  return [...new Set([...lab.steps.flatMap((s) => s.needs), ...lab.cleanup.flatMap((b) => b.needs)])]
}

function toCheck(key: string, entry: Noted): PreflightCheck {
  const base = { id: key, severity: entry.severity, usedBy: entry.usedBy }
  if (key === 'cgroup') return { ...base, kind: 'cgroup', versions: [...entry.versions].sort() }
  if (key.startsWith('cmd:')) return { ...base, kind: 'command', program: key.slice(4) }
  if (key.startsWith('file:/boot/vmlinuz')) return { ...base, kind: 'kernel', pattern: key.slice(5) }
  if (key.startsWith('file:')) return { ...base, kind: 'file', pattern: key.slice(5) }
  if (key.startsWith('image:')) return { ...base, kind: 'image', image: key.slice(6) }
  return { ...base, kind: key as 'linux' | 'root' | 'userns' | 'docker' | 'kvm' | 'swap' }
}

/**
 * "Linux" is checked whenever anything but Docker is: a blocker when an
 * exercise requires it or another Linux-only need, a warning when only some
 * steps need Linux (a Docker-only exercise also runs on Docker Desktop).
 */
function linuxCheck(checks: PreflightCheck[], titles: string[]): void {
  const others = checks.filter((c) => c.kind !== 'docker' && c.kind !== 'image' && c.kind !== 'linux')
  const blocker = others.some((c) => c.severity === 'blocker' && LINUX_ONLY.has(c.kind))
  const found = checks.find((c) => c.kind === 'linux')
  if (found) {
    if (blocker) found.severity = 'blocker'
    return
  }
  if (others.length === 0) return
  const users = new Set(others.flatMap((c) => c.usedBy))
  checks.push({ id: 'linux', kind: 'linux', severity: blocker ? 'blocker' : 'warning', usedBy: titles.filter((t) => users.has(t)) })
}
