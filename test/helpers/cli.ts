import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { KIT } from './project.ts'

const run = promisify(execFile)

/** Runs the real `kit` binary; never throws, returns exit code and output. */
export async function kit(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(KIT, 'bin/kit.js'), ...args], { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, cwd })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

/** Every file below `dir` with its sha256: equal snapshots mean byte-for-byte equal folders. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name)
      if (statSync(full).isDirectory()) walk(full)
      else out[path.relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex')
    }
  }
  walk(dir)
  return out
}
