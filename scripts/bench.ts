/**
 * `npm run bench`: times kit against marp-cli on the same machine, side by
 * side, alternating the two, and prints medians and ratios. Results go to
 * BENCHMARKS.md. Scenario: a cold full build of the bundled workshop (every
 * edition, every format) against marp-cli converting the same editions'
 * slides.md to HTML, PDF and PPTX (three batch runs, default parallelism,
 * same browser). Environment: BENCH_RUNS (default 5).
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
const decks = path.join(work, 'decks')
execFileSync(process.execPath, [kitBin, 'build', '--formats', 'html', '--out', path.join(work, 'html'), '--quiet'], { cwd: root })
const { project } = await loadProject(root)
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
const kitRun = () => {
  const out = path.join(work, 'dist')
  rmSync(out, { recursive: true, force: true })
  return time(process.execPath, [kitBin, 'build', '--out', out, '--quiet'])
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
const ratio = kit / marp
const summary = [
  `| scenario | kit (median) | baseline (median) | ratio | target |`,
  `| --- | --- | --- | --- | --- |`,
  `| cold full build, ${slideCount} editions, all formats, vs marp-cli html+pdf+pptx of the same decks | ${kit.toFixed(1)} s | ${marp.toFixed(1)} s | ${ratio.toFixed(2)} | ≤ 1.0 |`,
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

Individual runs (seconds): kit ${kitTimes.map((t) => t.toFixed(1)).join(', ')}; marp-cli ${marpTimes.map((t) => t.toFixed(1)).join(', ')}.

kit builds, in that time, everything marp-cli does (the three decks as HTML,
PDF and PPTX) plus the handouts, exercise sheets, booklet, guide, quiz,
landing pages, manifests and zips.
`
writeFileSync(path.join(root, 'BENCHMARKS.md'), report)
rmSync(work, { recursive: true, force: true })
console.log('written to BENCHMARKS.md')
