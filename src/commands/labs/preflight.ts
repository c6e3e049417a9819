import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Messages } from '../../core/messages.ts'
import type { PreflightCheck, PreflightPlan } from '../../render/preflight/checks.ts'
import { PREFLIGHT_FILE, renderPreflightScript } from '../../render/preflight/script.ts'
import { LAB_SYSTEM_PATH, unmetNeed, type HostFacts } from './host.ts'

/**
 * `kit labs` runs the learners' preflight script of the exercises it runs,
 * on this machine, in its machine mode, and holds each verdict against what
 * kit labs found itself (host.ts): a script that calls a need met where
 * kit labs skips its steps, or the other way round, would mislead every
 * learner, so a disagreement fails the run like a failed step.
 */

export type Verdict = 'pass' | 'fail' | 'skip'

export interface PreflightLine {
  id: string
  /** What the script said; undefined when it said nothing about this check. */
  script?: Verdict
  /** What kit labs found; undefined when it has no fact to hold the verdict against (images, disk space). */
  expected?: 'pass' | 'fail'
  /** What kit labs found, in words ("no Docker daemon", "met"). */
  found?: string
  agrees: boolean
}

export interface PreflightOutcome {
  lines: PreflightLine[]
  /** Why the script could not be run or read, when it could not. */
  error?: string
  /** The script's exit status disagrees with its own verdicts (1 exactly when a blocker failed). */
  badExit?: string
}

/** Renders the script of `plan`, runs it as `sh FILE` and compares. */
export async function runPreflight(plan: PreflightPlan, messages: Messages, host: HostFacts): Promise<PreflightOutcome> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kit-preflight-'))
  const file = path.join(dir, PREFLIGHT_FILE)
  try {
    await writeFile(file, renderPreflightScript(plan, messages, { workshop: 'kit labs', edition: 'kit labs' }))
    const { stdout, status, error } = await runScript(file)
    if (error) return { lines: [], error }
    return compareVerdicts(plan.checks, parseVerdicts(stdout), status, host)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const run = promisify(execFile)

/** Runs the script with the lab terminals' PATH and without the caller's sudo variables, as a learner's login would. */
async function runScript(file: string): Promise<{ stdout: string; status: number; error?: string }> {
  const docker = Object.fromEntries(Object.entries(process.env).filter(([name]) => /^DOCKER_(HOST|CONTEXT|CONFIG|CERT_PATH|TLS_VERIFY)$/.test(name)))
  const env = { ...docker, PATH: LAB_SYSTEM_PATH, HOME: process.env.HOME ?? os.homedir(), LANG: 'C.UTF-8', KIT_PREFLIGHT: 'machine' }
  try {
    const { stdout } = await run('sh', [file], { env, timeout: 180_000, cwd: os.tmpdir() })
    return { stdout, status: 0 }
  } catch (failure) {
    const { code, stdout, stderr, killed } = failure as { code?: unknown; stdout?: string; stderr?: string; killed?: boolean }
    if (typeof code === 'number') return { stdout: stdout ?? '', status: code }
    const why = killed ? 'it did not finish within 180 s' : `${(failure as Error).message}${stderr ? `: ${stderr.trim()}` : ''}`
    return { stdout: '', status: -1, error: `the preflight script could not run: ${why}` }
  }
}

/** `ID<TAB>VERDICT<TAB>SEVERITY` lines; anything else is ignored. */
export function parseVerdicts(stdout: string): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>()
  for (const line of stdout.split('\n')) {
    const [id, verdict] = line.split('\t')
    if (id && (verdict === 'pass' || verdict === 'fail' || verdict === 'skip')) verdicts.set(id, verdict)
  }
  return verdicts
}

/** Each check's verdict against kit labs' own finding, and the exit status against the blockers. Pure. */
export function compareVerdicts(checks: PreflightCheck[], verdicts: Map<string, Verdict>, status: number, host: HostFacts): PreflightOutcome {
  const lines = checks.map((check): PreflightLine => {
    const script = verdicts.get(check.id)
    const fact = expectedVerdict(check, host)
    if (!fact) return { id: check.id, script, agrees: script !== undefined }
    return { id: check.id, script, expected: fact.pass ? 'pass' : 'fail', found: fact.found, agrees: script === (fact.pass ? 'pass' : 'fail') }
  })
  const blocked = checks.some((c) => c.severity === 'blocker' && verdicts.get(c.id) === 'fail')
  const badExit = status !== (blocked ? 1 : 0) ? `the script exited with ${status}, but ${blocked ? 'a blocker failed (1 expected)' : 'no blocker failed (0 expected)'}` : undefined
  return { lines, badExit }
}

/**
 * What the script should say on this host, from the facts kit labs found;
 * undefined where kit labs has no fact of its own (pulled images, disk
 * space) or cannot know the answer (sudo, when kit labs is not root).
 */
function expectedVerdict(check: PreflightCheck, host: HostFacts): { pass: boolean; found: string } | undefined {
  const fromNeed = (need: string) => {
    const unmet = unmetNeed(need, host)
    return { pass: unmet === undefined, found: unmet?.text ?? 'met' }
  }
  switch (check.kind) {
    case 'image':
    case 'disk':
      return undefined
    case 'root':
      return host.root ? { pass: true, found: 'kit labs runs as root' } : undefined
    case 'cgroup':
      return { pass: check.versions.some((v) => v === host.cgroup), found: `this host has cgroup ${host.cgroup ?? 'none'}` }
    case 'command':
      return fromNeed(`cmd:${check.program}`)
    case 'file':
    case 'kernel':
      return fromNeed(`file:${check.pattern}`)
    default:
      return fromNeed(check.kind)
  }
}
