import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Problems } from '../../core/problems.ts'

/**
 * What the project's GitHub workflow can install. The starter workflow runs
 * `npm ci` on a fresh checkout of the repository: a dependency that
 * package.json takes from a path outside the project (`npm install
 * ../workshop-kit-0.1.0.tgz` writes `file:../workshop-kit-0.1.0.tgz`) is not
 * there, and npm does not install `link:` at all, so the job fails before kit
 * runs. One warning per such dependency, at its line of package.json, when a
 * workflow runs npm; a tarball inside the project (committed with it) is fine.
 */
export async function checkCiInstall(root: string, problems: Problems): Promise<void> {
  const workflow = await npmWorkflow(root)
  if (!workflow) return
  const text = await readFile(path.join(root, 'package.json'), 'utf8').catch(() => undefined)
  if (text === undefined) return
  let pkg: Record<string, unknown>
  try {
    pkg = JSON.parse(text) as Record<string, unknown>
  } catch {
    return // npm itself says what is wrong with package.json
  }
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const deps = pkg[field]
    if (!deps || typeof deps !== 'object') continue
    for (const [name, spec] of Object.entries(deps as Record<string, unknown>)) {
      if (typeof spec !== 'string' || !unreachable(root, spec)) continue
      const kit = name === 'workshop-kit'
      problems.warn({
        code: 'KIT_CI_INSTALL',
        message: `package.json installs ${name} from "${spec}", ${spec.startsWith('link:') ? 'a link npm does not install' : 'a path outside the project'}: the \`npm ci\` of ${workflow} runs on a fresh checkout without it and fails before kit runs.`,
        hint: kit
          ? 'Install kit from the npm registry (npm install -D workshop-kit), or copy the tarball into the project, commit it, and install it from there (npm install -D ./vendor/workshop-kit-0.1.0.tgz).'
          : `Install ${name} from the npm registry, or copy it into the project, commit it, and install it from there.`,
        location: { file: 'package.json', ...position(text, name, spec) },
      })
    }
  }
}

/** The first workflow of .github/workflows that runs npm, as a project path. */
async function npmWorkflow(root: string): Promise<string | undefined> {
  const dir = '.github/workflows'
  const names = (await readdir(path.join(root, dir)).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort()
  for (const name of names) {
    const text = await readFile(path.join(root, dir, name), 'utf8').catch(() => '')
    if (/\bnpm\s+(ci|install|i)\b/.test(text)) return `${dir}/${name}`
  }
  return undefined
}

/** A `link:` dependency, or a `file:` (or bare) path that resolves outside the project. */
function unreachable(root: string, spec: string): boolean {
  if (spec.startsWith('link:')) return true
  const local = spec.startsWith('file:') ? spec.slice(5) : /^(\.{1,2}\/|\/|~\/)/.test(spec) ? spec : undefined
  if (local === undefined) return false
  if (local.startsWith('~/')) return true
  const relative = path.relative(root, path.resolve(root, local))
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)
}

/** Line and column of the dependency's value in package.json's text. */
function position(text: string, name: string, spec: string): { line: number; column: number } {
  const pair = new RegExp(`${regexpText(JSON.stringify(name))}\\s*:\\s*(${regexpText(JSON.stringify(spec))})`).exec(text)
  if (!pair) return { line: 1, column: 1 }
  const offset = pair.index + pair[0].length - (pair[1]?.length ?? 0)
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 }
}

function regexpText(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}
