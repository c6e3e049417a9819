/**
 * `npm run bench`: times kit against a baseline on the same machine, side by
 * side, alternating the two, and prints medians and ratios (never pass/fail:
 * this machine is shared and noisy). Results go to BENCHMARKS.md.
 *
 * 1. cold full build of the bundled workshop (every edition, every format)
 *    vs marp-cli converting the same editions' slides.md to HTML, PDF and
 *    PPTX (three batch runs, default parallelism, same browser);
 * 2. no-op rebuild and one-module edit, each vs a cold build;
 * 3. scale: a generated workshop of 60 modules × 20 slides (notes, code,
 *    images) vs marp-cli on the same deck; time per slide vs scenario 1;
 *    peak memory of the whole process tree;
 * 4. dev loop: one module edited → its HTML re-rendered by `kit dev`.
 * live. `kit live` with 30 to 300 simulated learners on loopback: slide change
 *    to every learner (p50, p99), everyone answering until the presenter's
 *    counts show them all, the server's memory (scripts/bench-live.ts).
 *
 * Environment: BENCH_RUNS (default 5), BENCH_SCENARIOS (e.g. "1,2" or "live"; default all).
 */
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { cpus, tmpdir, totalmem } from 'node:os'
import path from 'node:path'
import { startDevServer } from '../src/commands/dev/server.ts'
import { liveRun, type LiveFigures } from './bench-live.ts'
import { findBrowser } from '../src/export/browser/find.ts'
import { KIT_ROOT, loadProject } from '../src/load/project.ts'

const runs = Number(process.env.BENCH_RUNS ?? 5)
const scenarios = new Set((process.env.BENCH_SCENARIOS ?? '1,2,3,4,live').split(',').map((s) => s.trim()))
const root = KIT_ROOT
const work = mkdtempSync(path.join(tmpdir(), 'kit-bench-'))
const kitBin = path.join(root, 'bin/kit.js')
const marpBin = path.join(root, 'node_modules/@marp-team/marp-cli/marp-cli.js')
const browser = await findBrowser()
if (!browser) throw new Error('The benchmark needs a browser (install chromium or set CHROME_PATH).')

/** Runs a command; returns seconds and the peak PSS (MiB) of its whole process tree. */
function measure(command: string, args: string[]): Promise<{ seconds: number; peakMiB: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d) => {
      stderr += String(d)
    })
    let peak = 0
    const sample = setInterval(() => {
      void treePss(child.pid ?? 0).then((kib) => {
        peak = Math.max(peak, kib)
      })
    }, 250)
    child.on('exit', (code) => {
      clearInterval(sample)
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} failed:\n${stderr}`))
      else resolve({ seconds, peakMiB: peak / 1024 })
    })
  })
}

async function treePss(pid: number): Promise<number> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '')
  const own = Number(/^Pss:\s+(\d+)/m.exec(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => ''))?.[1] ?? 0)
  let sum = own
  for (const child of children.split(/\s+/).filter(Boolean)) sum += await treePss(Number(child))
  return sum
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Copies a project and writes marp-cli's inputs: each edition's slides.md with its assets, and the kit theme with its fonts. */
async function prepare(name: string, source: string) {
  const project = path.join(work, name, 'project')
  for (const dir of ['content', 'exercises', 'templates']) cpSync(path.join(source, dir), path.join(project, dir), { recursive: true })
  const html = path.join(work, name, 'html')
  execFileSync(process.execPath, [kitBin, 'build', '--root', project, '--formats', 'html', '--out', html, '--quiet'], { cwd: root })
  const loaded = (await loadProject(project)).project
  if (!loaded) throw new Error(`${name} does not load; run kit check.`)
  const theme = path.join(work, name, 'kit-theme.css')
  writeFileSync(theme, loaded.themeCss[0] ?? '')
  const inputs: string[] = []
  let slides = 0
  for (const edition of loaded.content.workshop.editions) {
    const dir = path.join(work, name, 'decks', edition.id)
    cpSync(path.join(html, edition.id), dir, { recursive: true, filter: (src) => !src.endsWith('.html') && !src.endsWith('.json') })
    inputs.push(path.join(dir, 'slides.md'))
    slides += readFileSync(path.join(dir, 'slides.md'), 'utf8').split(/\n---\n/).length - 1
  }
  const out = path.join(work, name, 'dist')
  return {
    project,
    slides,
    editions: inputs.length,
    kit: (...flags: string[]) => measure(process.execPath, [kitBin, 'build', '--root', project, '--out', out, '--quiet', ...flags]),
    kitCold: () => {
      rmSync(out, { recursive: true, force: true })
      return measure(process.execPath, [kitBin, 'build', '--root', project, '--out', out, '--quiet', '--force'])
    },
    marp: async () => {
      let seconds = 0
      let peakMiB = 0
      for (const format of ['', '--pdf', '--pptx']) {
        const r = await measure(process.execPath, [
          marpBin,
          '--no-config-file',
          '--no-stdin',
          '--theme-set',
          theme,
          '--allow-local-files',
          '--browser-path',
          browser!.path,
          ...(format ? [format] : []),
          ...inputs,
        ])
        seconds += r.seconds
        peakMiB = Math.max(peakMiB, r.peakMiB)
      }
      return { seconds, peakMiB }
    },
  }
}

/** Alternates two sides `runs` times after a warm-up of each. */
async function sideBySide(a: () => Promise<{ seconds: number }>, b: () => Promise<{ seconds: number }>, label: string) {
  await a()
  await b()
  const as: number[] = []
  const bs: number[] = []
  for (let i = 0; i < runs; i++) {
    as.push((await a()).seconds)
    bs.push((await b()).seconds)
    console.log(`${label} run ${i + 1}: ${as[i]!.toFixed(2)} s vs ${bs[i]!.toFixed(2)} s`)
  }
  return { a: median(as), b: median(bs), as, bs }
}

const rows: string[] = []
const details: string[] = []
const row = (name: string, a: string, b: string, ratio: number, target: string) => rows.push(`| ${name} | ${a} | ${b} | ${Number.isNaN(ratio) ? '—' : ratio.toFixed(3)} | ${target} |`)
const s = (x: number) => `${x.toFixed(2)} s`

let bundledPerSlide = 0
if (scenarios.has('1') || scenarios.has('2') || scenarios.has('3')) {
  const bundled = await prepare('bundled', root)
  if (scenarios.has('1') || scenarios.has('3')) {
    const r = await sideBySide(bundled.kitCold, bundled.marp, 'cold build vs marp-cli')
    bundledPerSlide = r.a / bundled.slides
    row(`1. cold full build (${bundled.editions} editions, ${bundled.slides} slides, all formats) vs marp-cli html+pdf+pptx of the same decks`, s(r.a), s(r.b), r.a / r.b, '≤ 1.0')
    details.push(`1: kit ${r.as.map((x) => x.toFixed(1)).join(', ')}; marp-cli ${r.bs.map((x) => x.toFixed(1)).join(', ')}`)
  }
  if (scenarios.has('2')) {
    const module = path.join(bundled.project, 'content/modules/04-side-by-side.md')
    let edits = 0
    const edit = () => {
      writeFileSync(module, `${readFileSync(module, 'utf8')}\n<!-- benchmark edit ${++edits} -->\n`)
      return bundled.kit()
    }
    await bundled.kit()
    const cold: number[] = []
    const noop: number[] = []
    const edited: number[] = []
    for (let i = 0; i < runs; i++) {
      cold.push((await bundled.kitCold()).seconds)
      noop.push((await bundled.kit()).seconds)
      edited.push((await edit()).seconds)
      console.log(`rebuild run ${i + 1}: cold ${cold[i]!.toFixed(1)} s, no-op ${noop[i]!.toFixed(2)} s, one-module edit ${edited[i]!.toFixed(1)} s`)
    }
    row('2a. no-op rebuild vs cold build', s(median(noop)), s(median(cold)), median(noop) / median(cold), '≤ 0.05')
    row('2b. one-module edit vs cold build', s(median(edited)), s(median(cold)), median(edited) / median(cold), '≤ 0.3')
    details.push(`2: cold ${cold.map((x) => x.toFixed(1)).join(', ')}; no-op ${noop.map((x) => x.toFixed(2)).join(', ')}; edit ${edited.map((x) => x.toFixed(1)).join(', ')}`)
  }
}

if (scenarios.has('3')) {
  const generated = path.join(work, 'generated-source')
  generateWorkshop(generated, 60, 20)
  const scale = await prepare('scale', generated)
  const kitRuns: { seconds: number; peakMiB: number }[] = []
  const r = await sideBySide(
    async () => {
      const m = await scale.kitCold()
      kitRuns.push(m)
      return m
    },
    scale.marp,
    'scale vs marp-cli',
  )
  const peak = Math.max(...kitRuns.map((m) => m.peakMiB))
  row(`3a. scale: ${scale.slides} slides (60 modules × 20), all formats, vs marp-cli`, s(r.a), s(r.b), r.a / r.b, '≤ 1.0')
  if (bundledPerSlide)
    row('3b. time per slide, scale vs bundled workshop', `${((r.a / scale.slides) * 1000).toFixed(0)} ms`, `${(bundledPerSlide * 1000).toFixed(0)} ms`, r.a / scale.slides / bundledPerSlide, '≤ 1.3')
  row('3c. peak memory of the process tree (PSS), kit at scale', `${peak.toFixed(0)} MiB`, '1536 MiB', peak / 1536, '≤ 1.0')
  details.push(`3: kit ${r.as.map((x) => x.toFixed(1)).join(', ')}; marp-cli ${r.bs.map((x) => x.toFixed(1)).join(', ')}`)
}

if (scenarios.has('4')) {
  const dev = path.join(work, 'dev')
  for (const dir of ['content', 'exercises', 'templates']) cpSync(path.join(root, dir), path.join(dev, dir), { recursive: true })
  const server = await startDevServer({ root: dev, log: () => {} })
  const module = path.join(dev, 'content/modules/07-choosing.md')
  const times: number[] = []
  const builds: number[] = []
  for (let i = 0; i <= runs; i++) {
    const preview = server.nextPreview()
    const next = server.nextBuild()
    const started = performance.now()
    writeFileSync(module, `${readFileSync(module, 'utf8')}\n<!-- dev edit ${i} -->\n`)
    await preview
    const previewed = performance.now() - started
    const outcome = await next
    if (!outcome.ok) throw new Error(outcome.error)
    if (i > 0) {
      times.push(Math.round(previewed))
      builds.push(Math.round(performance.now() - started))
    }
  }
  await server.close()
  row('4. dev loop: save a module → its HTML (module preview) re-rendered (median)', `${median(times).toFixed(0)} ms`, '150 ms', median(times) / 150, '≤ 1.0')
  row('4b. dev loop: … → the HTML of the editions that show it rebuilt (median, for information)', `${median(builds).toFixed(0)} ms`, '—', Number.NaN, '—')
  details.push(`4: preview ${times.map((t) => `${t} ms`).join(', ')}; editions ${builds.map((t) => `${t} ms`).join(', ')}`)
}

if (scenarios.has('live')) {
  const project = path.join(work, 'live')
  cpSync(path.join(root, 'test/fixtures/live'), project, { recursive: true })
  const curve: LiveFigures[] = []
  for (const learners of [30, 60, 120, 300]) {
    const figures = await liveRun(root, project, learners)
    curve.push(figures)
    console.log(
      `live ${learners} learners: connected in ${figures.connectSeconds.toFixed(1)} s; slide change p50 ${figures.slideP50.toFixed(0)} ms, p99 ${figures.slideP99.toFixed(0)} ms; ${learners} answers counted in ${figures.answersMs.toFixed(0)} ms; server ${figures.memoryMiB.toFixed(0)} MiB`,
    )
  }
  const top = curve.at(-1)!
  row(`live a. slide change reaches all ${top.learners} learners (p99)`, `${top.slideP99.toFixed(0)} ms`, '250 ms', top.slideP99 / 250, '≤ 1.0')
  row(`live b. ${top.learners} answers recorded and the presenter's counts updated`, `${top.answersMs.toFixed(0)} ms`, '1000 ms', top.answersMs / 1000, '≤ 1.0')
  row(`live c. server memory with ${top.learners} learners (PSS)`, `${top.memoryMiB.toFixed(0)} MiB`, '250 MiB', top.memoryMiB / 250, '≤ 1.0')
  details.push(
    `live curve (learners: slide p50/p99 ms, answers ms, MiB): ${curve.map((f) => `${f.learners}: ${f.slideP50.toFixed(0)}/${f.slideP99.toFixed(0)}, ${f.answersMs.toFixed(0)}, ${f.memoryMiB.toFixed(0)}`).join('; ')}`,
  )
}

/** A workshop of `modules` modules × `slides` slides with notes, code blocks and images. */
function generateWorkshop(dir: string, modules: number, slides: number): void {
  mkdirSync(path.join(dir, 'content/modules'), { recursive: true })
  mkdirSync(path.join(dir, 'content/assets'), { recursive: true })
  mkdirSync(path.join(dir, 'exercises'), { recursive: true })
  cpSync(path.join(root, 'templates'), path.join(dir, 'templates'), { recursive: true })
  cpSync(path.join(root, 'content/assets/vm-stack.svg'), path.join(dir, 'content/assets/diagram.svg'))
  const ids: string[] = []
  for (let m = 1; m <= modules; m++) {
    const id = `module-${m}`
    ids.push(id)
    const body = Array.from({ length: slides }, (_, k) => {
      const kind = k % 4
      const content =
        kind === 0
          ? `- Point one of slide ${k}\n- Point two, with **bold** and \`code\`\n- Point three`
          : kind === 1
            ? '```sh\nunshare --fork --pid --mount-proc sh\nps -o pid,cmd\n```'
            : kind === 2
              ? '![Generated diagram h:380](../assets/diagram.svg)'
              : '| a | b |\n| --- | --- |\n| 1 | 2 |\n| 3 | 4 |'
      return `## Module ${m}, slide ${k + 1}\n\n${content}\n\n<!-- Notes for module ${m} slide ${k + 1}: what to say (~1 min). -->`
    }).join('\n\n---\n\n')
    writeFileSync(
      path.join(dir, `content/modules/${String(m).padStart(2, '0')}-${id}.md`),
      `---\nid: ${id}\ntitle: Module ${m}\nduration: 10\nobjectives: [Learn ${m}]\ntakeaways: [Remember ${m}]\nsources:\n  - { title: Source, url: "https://example.org/${m}" }\npaginate: true\n---\n\n${body}\n`,
    )
  }
  writeFileSync(
    path.join(dir, 'content/workshop.yaml'),
    `title: Scale test\nauthors: [Bench]\nlanguage: en\ntheme: kit\neditions:\n  - id: all\n    title: All modules\n    length: ${modules * 10}\n    quiz: false\n    items: [${ids.join(', ')}]\n`,
  )
}

console.log(`\n| scenario | kit (median) | baseline (median) | ratio | target |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`)
const version = (name: string) => (JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version
const browserVersion = execFileSync(browser.path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
const report = `# Benchmarks

Produced by \`npm run bench\` (scripts/bench.ts). Both sides run on the same
machine in one session, alternating, ${runs} runs each after a warm-up;
medians are compared. Ratios below 1 mean kit is faster (or smaller).

- Date: ${new Date().toISOString().slice(0, 10)}
- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${process.platform} ${process.arch}
- Node.js ${process.version}; ${browserVersion}; @marp-team/marp-cli ${version('@marp-team/marp-cli')}; @marp-team/marp-core ${version('@marp-team/marp-core')}

| scenario | kit (median) | baseline (median) | ratio | target |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

Individual runs (seconds unless marked): ${details.join('; ')}.

In the cold build kit makes everything marp-cli does (the decks as HTML, PDF
and PPTX) plus the handouts, exercise sheets, booklet, guide, quiz, landing
pages, manifests and zips.
`
writeFileSync(path.resolve(root, process.env.BENCH_OUT ?? 'BENCHMARKS.md'), report)
rmSync(work, { recursive: true, force: true })
console.log(`written to ${process.env.BENCH_OUT ?? 'BENCHMARKS.md'}`)
