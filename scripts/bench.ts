/**
 * `npm run bench`: times kit against a baseline on the same machine, side by
 * side, alternating the two, and prints medians and ratios. Results go to
 * BENCHMARKS.md. Scenarios:
 * 1. cold full build of the bundled workshop (every edition, every format)
 *    vs marp-cli converting the same editions' slides.md to HTML, PDF and
 *    PPTX (three batch runs, default parallelism, same browser);
 * 2. no-op rebuild vs cold build, and one-module edit vs cold build.
 * Environment: BENCH_RUNS (default 5).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import path from 'node:path'
import { findBrowser } from '../src/export/browser.ts'
import { KIT_ROOT, loadProject } from '../src/project.ts'

const runs = Number(process.env.BENCH_RUNS ?? 5)
const root = KIT_ROOT
const work = mkdtempSync(path.join(tmpdir(), 'kit-bench-'))
const kitBin = path.join(root, 'bin/kit.js')
const marpBin = path.join(root, 'node_modules/@marp-team/marp-cli/marp-cli.js')

function time(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const started = process.hrtime.bigint()
  const result = spawnSync(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`)
  return Number(process.hrtime.bigint() - started) / 1e9
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const browser = await findBrowser()
if (!browser) throw new Error('The benchmark needs a browser (install chromium or set CHROME_PATH).')

// Prepare marp-cli's input: each edition's slides.md with its assets, and the
// kit theme with its fonts, exactly as kit renders them.
// kit works on a copy of the project, so the edit scenario cannot touch the repository.
const projectCopy = path.join(work, 'project')
for (const dir of ['content', 'exercises', 'templates']) cpSync(path.join(root, dir), path.join(projectCopy, dir), { recursive: true })
const decks = path.join(work, 'decks')
execFileSync(process.execPath, [kitBin, 'build', '--root', projectCopy, '--formats', 'html', '--out', path.join(work, 'html'), '--quiet'], { cwd: root })
const { project } = await loadProject(projectCopy)
if (!project) throw new Error('The bundled workshop does not load; run kit check.')
const themeFile = path.join(work, 'kit-theme.css')
writeFileSync(themeFile, project.themeCss[0] ?? '')
const inputs: string[] = []
for (const edition of project.content.workshop.editions) {
  const dir = path.join(decks, edition.id)
  cpSync(path.join(work, 'html', edition.id), dir, { recursive: true, filter: (src) => !src.endsWith('.html') && !src.endsWith('.json') })
  inputs.push(path.join(dir, 'slides.md'))
}
const slideCount = project.content.workshop.editions.length

const marpRun = () =>
  ['', '--pdf', '--pptx']
    .map((format) =>
      time(process.execPath, [marpBin, '--no-config-file', '--no-stdin', '--theme-set', themeFile, '--allow-local-files', '--browser-path', browser.path, ...(format ? [format] : []), ...inputs]),
    )
    .reduce((a, b) => a + b, 0)
const out = path.join(work, 'dist')
const kitBuild = (...flags: string[]) => time(process.execPath, [kitBin, 'build', '--root', projectCopy, '--out', out, '--quiet', ...flags])
const kitRun = () => {
  rmSync(out, { recursive: true, force: true })
  return kitBuild('--force')
}
const edited = path.join(projectCopy, 'content/modules/04-side-by-side.md')
let edits = 0
const editOne = () => {
  writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n<!-- benchmark edit ${++edits} -->\n`)
  return kitBuild()
}

console.log(`warm-up (runs: ${runs} each, alternating)…`)
kitRun()
marpRun()
const kitTimes: number[] = []
const marpTimes: number[] = []
for (let i = 0; i < runs; i++) {
  kitTimes.push(kitRun())
  marpTimes.push(marpRun())
  console.log(`run ${i + 1}: kit ${kitTimes[i]!.toFixed(1)} s, marp-cli ${marpTimes[i]!.toFixed(1)} s`)
}
const kit = median(kitTimes)
const marp = median(marpTimes)

// Scenario 2: rebuilds against cold builds, alternating.
const coldTimes: number[] = []
const noopTimes: number[] = []
const editTimes: number[] = []
kitBuild()
for (let i = 0; i < runs; i++) {
  coldTimes.push(kitRun())
  noopTimes.push(kitBuild())
  editTimes.push(editOne())
  console.log(`rebuild run ${i + 1}: cold ${coldTimes[i]!.toFixed(1)} s, no-op ${noopTimes[i]!.toFixed(2)} s, one-module edit ${editTimes[i]!.toFixed(1)} s`)
}
const cold = median(coldTimes)
const row = (name: string, a: number, b: number, target: string) => `| ${name} | ${a.toFixed(2)} s | ${b.toFixed(2)} s | ${(a / b).toFixed(3)} | ${target} |`
const summary = [
  `| scenario | kit (median) | baseline (median) | ratio | target |`,
  `| --- | --- | --- | --- | --- |`,
  row(`cold full build (${slideCount} editions, all formats) vs marp-cli html+pdf+pptx of the same decks`, kit, marp, '≤ 1.0'),
  row('no-op rebuild vs cold build', median(noopTimes), cold, '≤ 0.05'),
  row('one-module edit vs cold build', median(editTimes), cold, '≤ 0.3'),
].join('\n')
console.log(`\n${summary}\n`)

const versions = (name: string) => (JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version
const browserVersion = execFileSync(browser.path, ['--version'], { encoding: 'utf8' }).trim()
const report = `# Benchmarks

Produced by \`npm run bench\` (scripts/bench.ts). Both sides run on the same
machine in one session, alternating, ${runs} runs each after a warm-up;
medians are compared. Ratios below 1 mean kit is faster.

- Date: ${new Date().toISOString().slice(0, 10)}
- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${process.platform} ${process.arch}
- Node.js ${process.version}; ${browserVersion}; @marp-team/marp-cli ${versions('@marp-team/marp-cli')}; @marp-team/marp-core ${versions('@marp-team/marp-core')}

${summary}

Individual runs (seconds): kit ${kitTimes.map((t) => t.toFixed(1)).join(', ')}; marp-cli ${marpTimes.map((t) => t.toFixed(1)).join(', ')};
cold ${coldTimes.map((t) => t.toFixed(1)).join(', ')}; no-op ${noopTimes.map((t) => t.toFixed(2)).join(', ')}; one-module edit ${editTimes.map((t) => t.toFixed(1)).join(', ')}.

kit builds, in that time, everything marp-cli does (the three decks as HTML,
PDF and PPTX) plus the handouts, exercise sheets, booklet, guide, quiz,
landing pages, manifests and zips.
`
writeFileSync(path.join(root, 'BENCHMARKS.md'), report)
rmSync(work, { recursive: true, force: true })
console.log('written to BENCHMARKS.md')
