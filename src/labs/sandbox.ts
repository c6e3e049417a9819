import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { LAB_SYSTEM_PATH } from './host.ts'

/**
 * A throwaway Linux environment for one exercise: fresh PID, mount, UTS and
 * IPC namespaces (plus a user namespace when not root) around a holder
 * process, a private tmpfs on /tmp, and a `sudo` that just runs its command.
 * Terminals are bash sessions entered into those namespaces with nsenter;
 * killing the holder (the namespace's PID 1) kills everything left inside.
 */

/** Where commands start; `/tmp` is the sandbox's own tmpfs. */
export const LAB_WORKDIR = '/tmp/lab'
const LAB_BIN = '/tmp/.kit-lab/bin'

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

// PID 1 is this shell; PID 2 a sleep standing in for a host's kthreadd: tools
// such as procps' ps read /proc/<their PID>, and a namespace's low PIDs
// must exist in the sandbox's /proc as they do on a host.
const HOLDER_SCRIPT = `sleep infinity &
set -e
mount -t tmpfs -o mode=1777,size=1g kit-lab /tmp
mkdir -p ${LAB_BIN} ${LAB_WORKDIR}
chmod 1777 ${LAB_WORKDIR}
cat > ${LAB_BIN}/sudo <<'KIT_EOF'
${SUDO_SHIM}KIT_EOF
chmod 755 ${LAB_BIN}/sudo
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
  ) {}

  /** Starts the holder; as non-root, inside a user namespace where the caller is root (as `unshare -r`). */
  static async open(): Promise<Sandbox> {
    const userNamespace = process.getuid?.() !== 0
    const args = ['--pid', '--fork', '--mount-proc', '--uts', '--ipc', '--propagation', 'private']
    if (userNamespace) args.push('--user', '--map-root-user')
    // The script arrives on stdin, so `ps` in a lab shows PID 1 as "/bin/sh -s".
    const child = spawn('unshare', [...args, '--', '/bin/sh', '-s'], { stdio: 'pipe', detached: true })
    child.stdin.end(HOLDER_SCRIPT)
    const ready = await new Promise<string | undefined>((resolve) => {
      let text = ''
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
    return new Sandbox(child, holder, userNamespace)
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
      terminal = new Terminal(this.enterArgs(options.user, options.hostPids === true))
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

  private enterArgs(user: string | undefined, hostPids: boolean): string[] {
    const args = ['-t', String(this.holderPid), ...(hostPids ? [] : ['-p']), '-m', '-u', '-i']
    if (this.userNamespace) args.push('-U', '--preserve-credentials')
    args.push('--')
    // A mount namespace of its own (a copy: the sandbox's /tmp stays shared)
    // where /proc shows the host's processes. Needs root; without it, the
    // sandbox's /proc stays.
    if (hostPids && !this.userNamespace) args.push('unshare', '--mount', '--propagation', 'private', 'sh', '-c', 'mount -t proc proc /proc && exec "$0" "$@"')
    if (user) {
      const account = lookupUser(user)
      if (!account) throw new Error(`there is no user "${user}" on this machine (user=${user})`)
      args.push('setpriv', `--reuid=${account.uid}`, `--regid=${account.gid}`, '--clear-groups')
    }
    args.push('bash', '--noprofile', '--norc')
    return args
  }
}

/**
 * One shell session. Blocks are written to its stdin as a learner would type
 * them, each followed by a marker line that prints the last exit status; the
 * output up to the marker is the block's output. A shell that a block starts
 * (`unshare … sh`) reads the following blocks, as it would at a keyboard.
 */
class Terminal {
  private readonly child: ChildProcessWithoutNullStreams
  private readonly marker = `__kit_lab_${randomBytes(6).toString('hex')}__`
  private buffer = ''
  private waiting: (() => void) | undefined
  private blocks = 0
  alive = true

  constructor(args: string[]) {
    this.child = spawn('nsenter', args, { stdio: 'pipe', detached: true, env: labEnv() })
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
    this.child.stdin.write(`exec 2>&1; cd ${LAB_WORKDIR}\n`)
  }

  run(code: string, timeoutS: number): Promise<BlockRun> {
    const started = performance.now()
    const seconds = () => (performance.now() - started) / 1000
    const block = ++this.blocks
    this.buffer = ''
    const sentinel = `printf '\\n${this.marker}:${block}:%s\\n' "$?"\n`
    const body = code.endsWith('\n') ? code : `${code}\n`
    this.child.stdin.write(`${body}${sentinel}`)
    return new Promise((resolve) => {
      let quietMs = 500
      let resend: NodeJS.Timeout | undefined
      // A shell that buffers its input (dash) may swallow the marker line with
      // an `exit`; the marker is typed again, with growing pauses, while the
      // terminal is quiet. Markers of earlier blocks are dropped from output.
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
      const timer = setTimeout(() => finish({ output: this.clean(this.buffer), timedOut: true }), timeoutS * 1000)
      this.waiting = () => {
        arm()
        const match = new RegExp(`\\n?${this.marker}:${block}:(\\d+)\\n`).exec(this.buffer)
        if (match) {
          const output = this.clean(this.buffer.slice(0, match.index))
          this.buffer = this.buffer.slice(match.index + match[0].length)
          finish({ output, status: Number(match[1]), timedOut: false })
        } else if (!this.alive) {
          finish({ output: this.clean(this.buffer), timedOut: false })
        }
      }
      this.waiting()
    })
  }

  /** Output without the markers of earlier blocks typed again. */
  private clean(text: string): string {
    return text.replace(new RegExp(`\\n?${this.marker}:\\d+:\\d+\\n`, 'g'), '')
  }

  kill(): void {
    this.alive = false
    killGroup(this.child.pid)
  }
}

function labEnv(): NodeJS.ProcessEnv {
  return {
    PATH: `${LAB_BIN}:${LAB_SYSTEM_PATH}`,
    HOME: LAB_WORKDIR,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TERM: 'dumb',
    SHELL: '/bin/bash',
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

function lookupUser(name: string): { uid: number; gid: number } | undefined {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const [user, , uid, gid] = line.split(':')
    if (user === name) return { uid: Number(uid), gid: Number(gid) }
  }
  return undefined
}
