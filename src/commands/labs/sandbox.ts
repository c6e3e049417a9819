import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { LAB_SYSTEM_PATH, onPath } from './host.ts'
import { screenText } from './screen.ts'
import { labReason, type Why } from './reasons.ts'

/**
 * A throwaway Linux environment for one exercise: fresh PID, mount, UTS and
 * IPC namespaces (plus a user namespace when not root) around a holder
 * process, a private tmpfs on /tmp, and a `sudo` that just runs its command.
 * Terminals are interactive bash sessions on a pseudo-terminal (util-linux
 * `script`), entered into those namespaces with nsenter; killing the holder
 * (the namespace's PID 1) kills everything left inside.
 */

/** Where commands start; `/tmp` is the sandbox's own tmpfs. */
export const LAB_WORKDIR = '/tmp/lab'
const LAB_BIN = '/tmp/.kit-lab/bin'

/** The size of every lab terminal: wide, so that `ps`, `lsns` and `ls` do not cut or wrap lines. */
export const TERMINAL_COLUMNS = 200
export const TERMINAL_ROWS = 50

const SUDO_SHIM = `#!/bin/sh
# kit labs: steps already run with the lab's privileges; sudo only runs its command.
while [ $# -gt 0 ]; do
  case "$1" in
    -E|-H|-n|--preserve-env|--) shift ;;
    -*) echo "sudo (kit labs): option $1 is not supported" >&2; exit 1 ;;
    *) break ;;
  esac
done
if [ "$(id -u)" != 0 ]; then echo "sudo (kit labs): not root in this terminal" >&2; exit 1; fi
exec "$@"
`

/**
 * The ~/.bashrc of the lab: a bash that a block starts is interactive, and
 * would echo what is typed (line editing) and print the distribution's prompt.
 */
const bashrc = (prompt: string) => `set +o emacs +o vi
PS1='${prompt}' PS2='${prompt}'
`

/** Where the kernel's binfmt_misc file system lives (register, status, one file per handler). */
export const BINFMT_MISC = '/proc/sys/fs/binfmt_misc'

/**
 * Mounts binfmt_misc on a fresh /proc, where the host has it: systemd
 * distributions mount it (or an automount point) at boot, so a learner's
 * /proc/sys/fs/binfmt_misc/register exists. Root only: the mount is the
 * host's one instance. A failure is reported, not fatal.
 */
const BINFMT_MOUNT = `mount -t binfmt_misc binfmt_misc ${BINFMT_MISC} 2>/dev/null || echo kit-lab-binfmt-failed`

// PID 1 is this shell; PID 2 a sleep standing in for a host's kthreadd: tools
// such as procps' ps read /proc/<their PID>, and a namespace's low PIDs
// must exist in the sandbox's /proc as they do on a host.
const holderScript = (prompt: string, binfmt: boolean) => `sleep infinity &
set -e
mount -t tmpfs -o mode=1777,size=1g kit-lab /tmp
${binfmt ? BINFMT_MOUNT : ''}
mkdir -p ${LAB_BIN} ${LAB_WORKDIR}
chmod 1777 ${LAB_WORKDIR}
cat > ${LAB_BIN}/sudo <<'KIT_EOF'
${SUDO_SHIM}KIT_EOF
chmod 755 ${LAB_BIN}/sudo
cat > ${LAB_WORKDIR}/.bashrc <<'KIT_EOF'
${bashrc(prompt)}KIT_EOF
echo kit-lab-ready
wait
`

export interface BlockRun {
  /** What the terminal printed (stdout and stderr, interleaved). */
  output: string
  /** Exit status of the block's last command; undefined when it timed out or the terminal died. */
  status?: number
  timedOut: boolean
  seconds: number
}

export class Sandbox {
  private readonly terminals = new Map<string, Terminal>()

  private constructor(
    private readonly unshare: ChildProcessWithoutNullStreams,
    private readonly holderPid: number,
    private readonly userNamespace: boolean,
    /** What every shell of the sandbox prints as its prompts (PS1, PS2); removed from the output. */
    private readonly prompt: string,
    /** Mount binfmt_misc in the fresh /proc of every terminal (the host has it, and kit labs is root). */
    private readonly binfmt: boolean,
    /** What this sandbox cannot offer that the host does, as sentences for a step's failure. */
    readonly limits: { binfmt?: Why },
  ) {}

  /** Starts the holder; as non-root, inside a user namespace where the caller is root (as `unshare -r`). */
  static async open(): Promise<Sandbox> {
    if (!onPath('script')) {
      throw new Error('`script` (util-linux) is not on PATH; kit labs runs every terminal on a pseudo-terminal made by it. Install util-linux (Debian/Ubuntu: bsdutils).')
    }
    const userNamespace = process.getuid?.() !== 0
    const binfmt = hostHasBinfmtMisc()
    const prompt = `__kit_ps_${randomBytes(6).toString('hex')}__`
    const args = ['--pid', '--fork', '--mount-proc', '--uts', '--ipc', '--propagation', 'private']
    if (userNamespace) args.push('--user', '--map-root-user')
    // The script arrives on stdin, so `ps` in a lab shows PID 1 as "/bin/sh -s".
    const child = spawn('unshare', [...args, '--', '/bin/sh', '-s'], { stdio: 'pipe', detached: true })
    child.stdin.end(holderScript(prompt, binfmt && !userNamespace))
    let text = ''
    const ready = await new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(`the sandbox did not start within 10 s${text ? `: ${text.trim()}` : ''}`), 10_000)
      const done = (problem?: string) => {
        clearTimeout(timer)
        resolve(problem)
      }
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString()
        if (text.includes('kit-lab-ready')) done()
      })
      child.stderr.on('data', (chunk: Buffer) => {
        text += chunk.toString()
      })
      child.on('error', (error) => done(`unshare could not start: ${error.message}`))
      child.on('exit', (code) => done(`unshare exited (${code}): ${text.trim() || 'no message'}`))
    })
    const holder = ready === undefined ? childPid(child.pid) : undefined
    if (ready !== undefined || holder === undefined) {
      killGroup(child.pid)
      throw new Error(ready ?? 'the sandbox holder process was not found')
    }
    const limits = { binfmt: binfmtLimit(binfmt, userNamespace, text.includes('kit-lab-binfmt-failed')) }
    return new Sandbox(child, holder, userNamespace, prompt, binfmt && !userNamespace, limits)
  }

  /** Why a failed block may have failed here and not on a learner's machine, from what it uses. */
  limitFor(code: string): Why | undefined {
    return code.includes('binfmt_misc') ? this.limits.binfmt : undefined
  }

  /**
   * Runs one block in terminal `name`, opening it (as `user`) on first use.
   * `hostPids` terminals (for Docker steps) stay in the host's PID namespace
   * with the host's /proc, so PIDs that `docker inspect` prints are valid
   * there; they share the sandbox's files. They are separate sessions from
   * the namespaced terminal of the same name.
   */
  async run(name: string, code: string, timeoutS: number, options: { user?: string; hostPids?: boolean } = {}): Promise<BlockRun> {
    const key = `${name}${options.hostPids ? ' (host PIDs)' : ''}`
    let terminal = this.terminals.get(key)
    if (!terminal?.alive) {
      terminal = new Terminal(this.enterArgs(options.hostPids === true), this.prompt, options.user === undefined ? undefined : account(options.user))
      this.terminals.set(key, terminal)
    }
    const result = await terminal.run(code, timeoutS)
    if (result.timedOut) terminal.kill()
    return result
  }

  /** Ends every terminal, then the namespace and all that is left in it. */
  async close(): Promise<void> {
    for (const terminal of this.terminals.values()) terminal.kill()
    this.terminals.clear()
    try {
      process.kill(this.holderPid, 'SIGKILL')
    } catch {
      // already gone
    }
    const exited = new Promise<void>((resolve) => {
      if (this.unshare.exitCode !== null || this.unshare.signalCode !== null) resolve()
      else this.unshare.once('exit', () => resolve())
    })
    const timer = setTimeout(() => killGroup(this.unshare.pid), 5_000)
    await exited
    clearTimeout(timer)
  }

  private enterArgs(hostPids: boolean): string[] {
    const args = ['-t', String(this.holderPid), ...(hostPids ? [] : ['-p']), '-m', '-u', '-i']
    if (this.userNamespace) args.push('-U', '--preserve-credentials')
    args.push('--')
    // A mount namespace of its own (a copy: the sandbox's /tmp stays shared)
    // where /proc shows the host's processes. Needs root; without it, the
    // sandbox's /proc stays.
    if (hostPids && !this.userNamespace) {
      // The holder's mount worked (or its failure is in `limits`): nothing to print in a terminal.
      const binfmt = this.binfmt ? `mount -t binfmt_misc binfmt_misc ${BINFMT_MISC} 2>/dev/null; ` : ''
      args.push('unshare', '--mount', '--propagation', 'private', 'sh', '-c', `mount -t proc proc /proc && ${binfmt}exec "$0" "$@"`)
    }
    return args
  }
}

/**
 * One shell session, as a learner's terminal window: an interactive bash on
 * its own pseudo-terminal (controlling terminal, job control, 200 columns),
 * made by util-linux `script` with the terminal's echo turned off. Blocks
 * are typed into it, each followed by a marker line that prints the last
 * exit status; the output up to the marker, as the screen shows it without
 * prompts, is the block's output. A shell that a block starts (`unshare …
 * sh`) reads the following blocks, as it would at a keyboard.
 */
class Terminal {
  private readonly child: ChildProcessWithoutNullStreams
  private readonly marker = `__kit_lab_${randomBytes(6).toString('hex')}__`
  private buffer = ''
  private waiting: (() => void) | undefined
  private blocks = 0
  /** Settles once the terminal's shell is about to read its first line (or the terminal ended). */
  private readonly ready: Promise<void>
  alive = true

  constructor(
    enterArgs: string[],
    private readonly prompt: string,
    user?: Account,
  ) {
    this.child = spawn('nsenter', [...enterArgs, ...this.shellArgs(user)], { stdio: 'pipe', detached: true, env: labEnv() })
    const take = (chunk: Buffer) => {
      this.buffer += chunk.toString()
      this.waiting?.()
    }
    this.child.stdout.on('data', take)
    this.child.stderr.on('data', take)
    this.child.stdin.on('error', () => {})
    this.child.on('exit', () => {
      this.alive = false
      this.waiting?.()
    })
    this.ready = new Promise((resolve) => {
      this.waiting = () => {
        const line = new RegExp(`${this.marker}:ready\\r*\\n`).exec(this.buffer)
        if (!line && this.alive) return
        if (line) this.buffer = this.buffer.slice(line.index + line[0].length)
        this.waiting = undefined
        resolve()
      }
    })
  }

  /**
   * `script` runs the command in a new session on a new pseudo-terminal.
   * Nothing is typed before the echo is off and the ready line is printed.
   * As at a login, the terminal is given to its user, whose shell is the
   * session's leader.
   */
  private shellArgs(user: Account | undefined): string[] {
    const setup = [`cd ${LAB_WORKDIR}`, `stty -echo cols ${TERMINAL_COLUMNS} rows ${TERMINAL_ROWS}`]
    if (user) setup.push(`chown ${user.uid}:${user.gid} "$(tty)"`)
    setup.push(`printf '%s\\n' ${this.marker}:ready`)
    const login = user ? `setpriv --reuid=${user.uid} --regid=${user.gid} --clear-groups ` : ''
    // Exported, so that a shell the terminal's shell starts (dash, bash) shows the same prompt.
    const shell = `PS1='${this.prompt}' PS2='${this.prompt}' exec ${login}bash --noprofile --norc --noediting -i`
    return ['script', '--quiet', '--return', '--command', [...setup, shell].join(' && '), '/dev/null']
  }

  async run(code: string, timeoutS: number): Promise<BlockRun> {
    const started = performance.now()
    const seconds = () => (performance.now() - started) / 1000
    const timedOut = await settlesWithin(this.ready, timeoutS * 1000)
    if (timedOut) return { output: this.screen(this.buffer), timedOut: true, seconds: seconds() }
    const block = ++this.blocks
    this.buffer = ''
    const sentinel = `printf '\\n${this.marker}:${block}:%s\\n' "$?"\n`
    const body = code.endsWith('\n') ? code : `${code}\n`
    this.child.stdin.write(`${body}${sentinel}`)
    const end = new RegExp(`(?:\\r*\\n)?${this.marker}:${block}:(\\d+)\\r*\\n`)
    return new Promise((resolve) => {
      let quietMs = 500
      let resend: NodeJS.Timeout | undefined
      // A program reading the terminal (qemu -nographic) may take the marker
      // line; it is typed again, with growing pauses, while the terminal is
      // quiet. Markers of earlier blocks are dropped from the output.
      const arm = () => {
        clearTimeout(resend)
        resend = setTimeout(() => {
          this.child.stdin.write(sentinel)
          quietMs = Math.min(quietMs * 2, 8000)
          arm()
        }, quietMs)
      }
      const finish = (result: Omit<BlockRun, 'seconds'>) => {
        clearTimeout(timer)
        clearTimeout(resend)
        this.waiting = undefined
        resolve({ ...result, seconds: seconds() })
      }
      const timer = setTimeout(() => finish({ output: this.screen(this.buffer), timedOut: true }), timeoutS * 1000)
      this.waiting = () => {
        arm()
        const match = end.exec(this.buffer)
        if (match) {
          const output = this.screen(this.buffer.slice(0, match.index))
          this.buffer = this.buffer.slice(match.index + match[0].length)
          finish({ output, status: Number(match[1]), timedOut: false })
        } else if (!this.alive) {
          finish({ output: this.screen(this.buffer), timedOut: false })
        }
      }
      this.waiting()
    })
  }

  /** What the screen shows, without prompts and without the markers of earlier blocks typed again. */
  private screen(text: string): string {
    return screenText(text, this.prompt).replace(new RegExp(`\\n?${this.marker}:\\d+:\\d+\\n`, 'g'), '')
  }

  kill(): void {
    this.alive = false
    killSessions(this.child.pid)
  }
}

/**
 * Whether the host offers binfmt_misc at its place: mounted, or a systemd
 * automount point that mounts it on first use. `mountinfo` lines: ID
 * PARENT MAJOR:MINOR ROOT MOUNTPOINT OPTIONS… - FSTYPE SOURCE OPTIONS.
 */
export function hostHasBinfmtMisc(mountinfo = readMountinfo()): boolean {
  return mountinfo.split('\n').some((line) => {
    const [mount = '', fs = ''] = line.split(' - ')
    return mount.split(' ')[4] === BINFMT_MISC && /^(binfmt_misc|autofs) /.test(fs)
  })
}

function readMountinfo(): string {
  try {
    return readFileSync('/proc/self/mountinfo', 'utf8')
  } catch {
    return ''
  }
}

/** The sentence a failed step gets when the sandbox's /proc lacks the host's binfmt_misc. */
function binfmtLimit(host: boolean, userNamespace: boolean, failed: boolean): Why | undefined {
  if (!host) return undefined
  if (userNamespace) return labReason('binfmtRootless', { path: BINFMT_MISC })
  if (failed) return labReason('binfmtMountFailed', { path: BINFMT_MISC })
  return undefined
}

/** Whether `promise` was still pending after `ms` milliseconds. */
async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), ms)
  })
  const result = await Promise.race([promise.then(() => false), late])
  clearTimeout(timer)
  return result
}

function labEnv(): NodeJS.ProcessEnv {
  return {
    PATH: `${LAB_BIN}:${LAB_SYSTEM_PATH}`,
    HOME: LAB_WORKDIR,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TERM: 'xterm-256color',
    SHELL: '/bin/bash',
    PAGER: 'cat',
  }
}

/**
 * Kills the process group of `pid` and every process of the sessions its
 * descendants belong to: a terminal's shell runs in a session of its own,
 * and with job control each job in a process group of its own.
 */
function killSessions(pid: number | undefined): void {
  if (pid === undefined) return
  const table = processTable()
  const own = table.get(process.pid)?.session
  const tree = descendants(table, pid)
  const sessions = new Set([...tree].map((p) => table.get(p)?.session).filter((s) => s !== undefined && s > 1 && s !== own))
  killGroup(pid)
  for (const [p, info] of table) {
    if (tree.has(p) || sessions.has(info.session)) signal(p)
  }
}

interface ProcessInfo {
  parent: number
  session: number
}

/** Parent and session of every process, from /proc/PID/stat. */
function processTable(): Map<number, ProcessInfo> {
  const table = new Map<number, ProcessInfo>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      // pid (comm) state ppid pgrp session …; comm may hold spaces and parentheses.
      const [, parent, , session] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      table.set(Number(name), { parent: Number(parent), session: Number(session) })
    } catch {
      // the process ended while being read
    }
  }
  return table
}

function descendants(table: Map<number, ProcessInfo>, root: number): Set<number> {
  const found = new Set([root])
  let grew = true
  while (grew) {
    grew = false
    for (const [p, info] of table) {
      if (!found.has(p) && found.has(info.parent)) {
        found.add(p)
        grew = true
      }
    }
  }
  return found
}

function signal(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // gone already, or not ours
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // the group is gone already
  }
}

/** The first child of `pid` (unshare's forked child: the namespace's PID 1). */
function childPid(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)
    return children[0] ? Number(children[0]) : undefined
  } catch {
    return undefined
  }
}

interface Account {
  uid: number
  gid: number
}

function account(name: string): Account {
  const found = lookupUser(name)
  if (!found) throw new Error(`there is no user "${name}" on this machine (user=${name})`)
  return found
}

function lookupUser(name: string): Account | undefined {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const [user, , uid, gid] = line.split(':')
    if (user === name) return { uid: Number(uid), gid: Number(gid) }
  }
  return undefined
}
