/**
 * Lab markers: words after a code fence's language that make an exercise
 * step runnable by `kit labs`. Rendered sheets never show them (markdown-it
 * uses only the first word of the info string; `render/markdown.ts` drops
 * hidden blocks and turns placeholders into their example values).
 *
 *   ```sh run [terminal=B] [user=NAME] [exit=0|N|any] [timeout=30] [needs=root,docker] [hidden] [silent]
 *   ```sh cleanup [terminal=B] [needs=docker] [hidden]
 *   ```text expect
 */

export type BlockRole = 'run' | 'cleanup' | 'expect'

export interface FenceMarkers {
  role: BlockRole
  terminal: string
  /** Opens the terminal as this (unprivileged) user instead of the caller. */
  user?: string
  /** Exit status the block must end with; `any` accepts every status. */
  exit: number | 'any'
  /** Seconds before the block is killed. */
  timeout: number
  needs: string[]
  /** Run by kit labs but never shown in a sheet. */
  hidden: boolean
  /** The block must print nothing: its output is compared with nothing, as an `expect` block would compare it. */
  silent: boolean
}

export const DEFAULT_TERMINAL = 'A'
export const DEFAULT_TIMEOUT_S = 30
export const MAX_TIMEOUT_S = 600

/**
 * What a step can need; `cmd:NAME` asks for a program on PATH, `file:/PATH`
 * for a file (`*` allowed in its last part). `userns`: a normal user may
 * create user namespaces and act as root in them (`unshare --user
 * --map-root-user`), which Ubuntu 24.04 and later refuse by default.
 */
export const KNOWN_NEEDS = ['linux', 'root', 'userns', 'docker', 'cgroup-v1', 'cgroup-v2', 'kvm', 'swap'] as const

const ROLES = new Set<string>(['run', 'cleanup', 'expect'])
const KEYS = new Set(['terminal', 'user', 'exit', 'timeout', 'needs'])

export interface MarkerError {
  message: string
  hint: string
  /** 0-based offset of the offending word in the info string. */
  offset: number
}

/**
 * Reads the lab words of a fence info string (`sh run timeout=5`). Returns
 * undefined for an ordinary block; errors for a lab word it does not know.
 */
export function parseFenceInfo(info: string): { markers?: FenceMarkers; errors: MarkerError[] } {
  const words = [...info.matchAll(/\S+/g)]
  const role = words.slice(1).find((w) => ROLES.has(w[0]))
  if (!role) return { errors: [] }
  const errors: MarkerError[] = []
  const markers: FenceMarkers = {
    role: role[0] as BlockRole,
    terminal: DEFAULT_TERMINAL,
    exit: 0,
    timeout: DEFAULT_TIMEOUT_S,
    needs: [],
    hidden: false,
    silent: false,
  }
  for (const word of words.slice(1)) {
    const text = word[0]
    const offset = word.index ?? 0
    if (word === role) continue
    if (text === 'hidden' || text === 'silent') {
      if (text === 'silent' && markers.role !== 'run') errors.push({ message: '"silent" applies to a run block only.', hint: 'Mark the command block: ```sh run silent.', offset })
      else markers[text] = true
      continue
    }
    const [key = '', value = ''] = splitOnce(text, '=')
    if (ROLES.has(text)) {
      errors.push({ message: `A code block can have one lab role; "${text}" follows "${role[0]}".`, hint: 'Use one of run, cleanup or expect per block.', offset })
    } else if (!KEYS.has(key) || value === '') {
      errors.push({
        message: `Unknown lab marker "${text}".`,
        hint: 'Lab markers: run, cleanup, expect, hidden, silent, terminal=NAME, user=NAME, exit=N|any, timeout=SECONDS, needs=LIST (see docs/labs.md).',
        offset,
      })
    } else if (markers.role === 'expect') {
      errors.push({ message: `"${key}=" does not apply to an expect block.`, hint: 'Put it on the run block whose output this block shows.', offset })
    } else if (key === 'terminal') {
      if (/^[A-Za-z0-9_-]{1,20}$/.test(value)) markers.terminal = value
      else errors.push({ message: `Terminal name "${value}" is not a short name.`, hint: 'Use letters, digits, - or _ (e.g. terminal=B).', offset })
    } else if (key === 'user') {
      if (/^[a-z_][a-z0-9_-]{0,31}$/.test(value)) markers.user = value
      else errors.push({ message: `"${value}" is not a user name.`, hint: 'Use an account name from /etc/passwd, e.g. user=nobody.', offset })
    } else if (key === 'exit') {
      if (value === 'any') markers.exit = 'any'
      else if (/^\d{1,3}$/.test(value) && Number(value) <= 255) markers.exit = Number(value)
      else errors.push({ message: `exit=${value} is not an exit status.`, hint: 'Use a number 0–255, or exit=any.', offset })
    } else if (key === 'timeout') {
      const seconds = Number(value)
      if (Number.isFinite(seconds) && seconds > 0 && seconds <= MAX_TIMEOUT_S) markers.timeout = seconds
      else errors.push({ message: `timeout=${value} is not a number of seconds.`, hint: `Use a number between 1 and ${MAX_TIMEOUT_S}.`, offset })
    } else {
      for (const need of value.split(',')) {
        if ((KNOWN_NEEDS as readonly string[]).includes(need) || /^cmd:[\w.+-]+$/.test(need) || /^file:\/\S+$/.test(need)) markers.needs.push(need)
        else errors.push({ message: `Unknown need "${need}".`, hint: `Needs: ${KNOWN_NEEDS.join(', ')}, cmd:PROGRAM (a program on PATH) or file:/PATH (a file; * matches in the last part).`, offset })
      }
    }
  }
  return { markers, errors }
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator)
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)]
}
