/**
 * `npm run bench`: times kit against a baseline on the same machine, side by
 * side, alternating the two, and prints medians and ratios (never pass/fail:
 * this machine is shared and noisy). Results go to BENCHMARKS.md.
 *
 * 1. cold full build of the bundled workshop (every edition in every
 *    language, every format) vs marp-cli converting the same decks (each
 *    edition's instructor slides.md) to HTML, PDF and PPTX (three batch
 *    runs, default parallelism, same browser, the same fonts); then one
 *    in-process cold build profiled by step (where the time goes);
 * 2. no-op rebuild and three one-module edits (a word in a slide, a speaker
 *    note, a character no edition used before), each vs a cold build;
 * 3. scale: a generated workshop of 60 modules × 20 slides (notes, code,
 *    images) vs marp-cli on the same deck; time per slide vs scenario 1;
 *    peak memory of the whole process tree;
 * 4. dev loop: one module edited → its HTML re-rendered by `kit dev`;
 * 5. `kit check` with the browser vs a cold build: on a project without any
 *    cache (nothing built or checked before), and after a one-module edit
 *    of a project that was built and checked before.
 * live. `kit live` with 30 to 300 simulated learners on loopback: slide change
 *    to every learner (p50, p99), everyone answering until the presenter's
 *    counts show them all, the server's memory (scripts/bench-live.ts).
 *
 * Environment: BENCH_RUNS (default 5), BENCH_WARMUP (default 1; 0 skips the warm-up runs),
 * BENCH_SCENARIOS (e.g. "1,2" or "live"; default all),
 * BENCH_OUT (default BENCHMARKS.md).
 */
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { cpus, tmpdir, totalmem } from 'node:os'
import path from 'node:path'
import { startDevServer } from '../src/commands/dev/server.ts'
import { liveRun, type LiveFigures } from './bench-live.ts'
import { findBrowser } from '../src/export/browser/find.ts'
import { KIT_ROOT, loadProject } from '../src/load/project.ts'
import { build } from '../src/commands/build.ts'
import { resetTimings, timings } from '../src/core/timings.ts'
import { fontsFor } from '../src/render/editions.ts'

const runs = Number(process.env.BENCH_RUNS ?? 5)
const warmUp = process.env.BENCH_WARMUP !== '0'
const scenarios = new Set((process.env.BENCH_SCENARIOS ?? '1,2,3,4,5,live').split(',').map((s) => s.trim()))
const root = KIT_ROOT
const work = mkdtempSync(path.join(tmpdir(), 'kit-bench-'))
const kitBin = path.join(root, 'bin/kit.js')
const marpBin = path.join(root, 'node_modules/@marp-team/marp-cli/marp-cli.js')
const browser = await findBrowser()
if (!browser) throw new Error('The benchmark needs a browser (install chromium or set CHROME_PATH).')

/** Runs a command; returns seconds and the peak PSS (MiB) of its whole process tree. Exit codes in `ok` count as success. */
function measure(command: string, args: string[], ok: readonly number[] = [0]): Promise<{ seconds: number; peakMiB: number }> {
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
      if (!ok.includes(code ?? -1)) reject(new Error(`${command} ${args.join(' ')} failed:\n${stderr}`))
      else resolve({ seconds, peakMiB: peak / 1024 })
    })
  })
}

/** The machine's load average (1 minute), for the report. */
function load(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0])
}
const loads: number[] = []
const sampleLoad = setInterval(() => loads.push(load()), 10_000)

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

/** Every folder under `dir` that holds a slides.md. */
function deckFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name === 'slides.md')
    .map((e) => e.parentPath)
    .sort()
}

/**
 * Copies a project and writes marp-cli's inputs: the slides.md of each deck
 * kit builds for the instructor (every edition in every language) with its
 * assets, and the kit theme with the fonts kit embeds, subset to the
 * characters of all these decks (the same fonts, in one theme).
 */
async function prepare(name: string, source: string) {
  const project = path.join(work, name, 'project')
  for (const dir of ['content', 'exercises', 'templates']) cpSync(path.join(source, dir), path.join(project, dir), { recursive: true })
  const html = path.join(work, name, 'html')
  execFileSync(process.execPath, [kitBin, 'build', '--root', project, '--formats', 'html', '--out', html, '--quiet'], { cwd: root })
  const loaded = await loadProject(project)
  if (!loaded.project) throw new Error(`${name} does not load; run kit check.`)
  const inputs: string[] = []
  let slides = 0
  for (const [i, folder] of deckFolders(path.join(html, 'instructor')).entries()) {
    const dir = path.join(work, name, 'decks', String(i))
    cpSync(folder, dir, { recursive: true, filter: (src) => !src.endsWith('.html') && !src.endsWith('.json') })
    inputs.push(path.join(dir, 'slides.md'))
    slides += readFileSync(path.join(dir, 'slides.md'), 'utf8').split(/\n---\n/).length - 1
  }
  const fonts = await fontsFor(
    loaded.project,
    inputs.map((f) => readFileSync(f, 'utf8')),
    loaded.inputs,
  )
  const theme = path.join(work, name, 'kit-theme.css')
  writeFileSync(theme, `${loaded.project.themeCss[0] ?? ''}\n${fonts.css}`)
  const out = path.join(work, name, 'dist')
  const kitArgs = ['build', '--root', project, '--out', out, '--quiet']
  return {
    project,
    slides,
    decks: inputs.length,
    kit: (...flags: string[]) => measure(process.execPath, [kitBin, ...kitArgs, ...flags]),
    kitCold: () => {
      rmSync(out, { recursive: true, force: true })
      rmSync(path.join(project, '.kit-cache'), { recursive: true, force: true })
      return measure(process.execPath, [kitBin, ...kitArgs])
    },
    /** kit check with the browser; exit code 1 (problems found) is a result too. */
    check: () => measure(process.execPath, [kitBin, 'check', '--root', project], [0, 1]),
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
  if (warmUp) {
    await a()
    await b()
  }
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
let profile = ''
const details: string[] = []
const row = (name: string, a: string, b: string, ratio: number, target: string) => rows.push(`| ${name} | ${a} | ${b} | ${Number.isNaN(ratio) ? '—' : ratio.toFixed(3)} | ${target} |`)
const s = (x: number) => `${x.toFixed(2)} s`

/**
 * The edits of scenario 2, in content/modules/04-side-by-side.md (a module
 * of every English edition): the `run`th edit of each kind differs from
 * the last.
 */
const EDITS = {
  /** A word of the first slide heading, with letters the editions use already. */
  word: (text: string, run: number) => text.replace(/^(## .*?)( edited \w+)?$/m, `$1 edited ${'abcdefghij'[run % 10]}x`),
  /** A speaker note appended to the last slide. */
  note: (text: string, run: number) => `${text}\n<!-- Benchmark note ${run}: say this too. -->\n`,
  /** A letter no edition had before (Latin Extended-A), in the first slide heading. */
  char: (text: string, run: number) => text.replace(/^(## .*?)( edited \w+)?$/m, `$1 edited ${String.fromCodePoint(0x150 + run)}`),
}

let bundledPerSlide = 0
if (scenarios.has('1') || scenarios.has('2') || scenarios.has('3') || scenarios.has('5')) {
  const bundled = await prepare('bundled', root)
  if (scenarios.has('1') || scenarios.has('3')) {
    const r = await sideBySide(bundled.kitCold, bundled.marp, 'cold build vs marp-cli')
    bundledPerSlide = r.a / bundled.slides
    row(`1. cold full build (${bundled.decks} decks, ${bundled.slides} slides, all formats) vs marp-cli html+pdf+pptx of the same decks`, s(r.a), s(r.b), r.a / r.b, '≤ 0.5')
    details.push(`1: kit ${r.as.map((x) => x.toFixed(1)).join(', ')}; marp-cli ${r.bs.map((x) => x.toFixed(1)).join(', ')}`)
    if (scenarios.has('1')) profile = await profileBuild(bundled.project)
  }
  if (scenarios.has('2')) {
    await rebuilds(bundled)
    profile += await profileEdit(bundled.project)
  }
  if (scenarios.has('5')) await checks(bundled)
}

/** Scenario 2: a cold build, a no-op rebuild and the three edits, in turn, `runs` times. */
async function rebuilds(bundled: Awaited<ReturnType<typeof prepare>>): Promise<void> {
  const module = path.join(bundled.project, 'content/modules/04-side-by-side.md')
  const kinds = Object.keys(EDITS) as (keyof typeof EDITS)[]
  const times: Record<'cold' | 'noop' | keyof typeof EDITS, number[]> = { cold: [], noop: [], word: [], note: [], char: [] }
  await bundled.kit()
  for (let i = 0; i < runs; i++) {
    times.cold.push((await bundled.kitCold()).seconds)
    times.noop.push((await bundled.kit()).seconds)
    for (const kind of kinds) {
      writeFileSync(module, EDITS[kind](readFileSync(module, 'utf8'), i))
      times[kind].push((await bundled.kit()).seconds)
    }
    console.log(
      `rebuild run ${i + 1}: ${Object.entries(times)
        .map(([k, v]) => `${k} ${v[i]!.toFixed(1)} s`)
        .join(', ')}`,
    )
  }
  const cold = median(times.cold)
  row('2a. no-op rebuild vs cold build', s(median(times.noop)), s(cold), median(times.noop) / cold, '≤ 0.05')
  const names = { word: 'a word in a slide', note: 'a speaker note', char: 'a character no edition used before' }
  for (const kind of kinds) row(`2${'bcd'[kinds.indexOf(kind)]}. one-module edit (${names[kind]}) vs cold build`, s(median(times[kind])), s(cold), median(times[kind]) / cold, '≤ 0.15')
  details.push(
    `2: ${Object.entries(times)
      .map(([k, v]) => `${k} ${v.map((x) => x.toFixed(1)).join(', ')}`)
      .join('; ')}`,
  )
}

/** Scenario 5: kit check without any cache (nothing built or checked), then after a one-module edit of a project built and checked before. */
async function checks(bundled: Awaited<ReturnType<typeof prepare>>): Promise<void> {
  const module = path.join(bundled.project, 'content/modules/04-side-by-side.md')
  const cold: number[] = []
  const builds: number[] = []
  const afterEdit: number[] = []
  for (let i = 0; i < runs; i++) {
    builds.push((await bundled.kitCold()).seconds)
    rmSync(path.join(bundled.project, '.kit-cache'), { recursive: true, force: true })
    cold.push((await bundled.check()).seconds)
    await bundled.kit()
    await bundled.check()
    writeFileSync(module, EDITS.word(readFileSync(module, 'utf8'), i + 5))
    afterEdit.push((await bundled.check()).seconds)
    console.log(`check run ${i + 1}: cold build ${builds[i]!.toFixed(1)} s, check without cache ${cold[i]!.toFixed(1)} s, check after an edit ${afterEdit[i]!.toFixed(1)} s`)
  }
  const build = median(builds)
  row('5a. kit check (browser), nothing cached, vs cold build', s(median(cold)), s(build), median(cold) / build, '≤ 0.3')
  row('5b. kit check (browser) after a one-module edit, vs cold build', s(median(afterEdit)), s(build), median(afterEdit) / build, '≤ 0.3')
  details.push(
    `5: cold build ${builds.map((x) => x.toFixed(1)).join(', ')}; check without cache ${cold.map((x) => x.toFixed(1)).join(', ')}; after an edit ${afterEdit.map((x) => x.toFixed(1)).join(', ')}`,
  )
}

/** One cold build in this process, with the time of each step (src/core/timings.ts). */
async function profileBuild(project: string): Promise<string> {
  const out = path.join(work, 'profile-dist')
  rmSync(path.join(project, '.kit-cache'), { recursive: true, force: true })
  resetTimings()
  const started = performance.now()
  await build({ root: project, out, editions: [], formats: ['html', 'pdf', 'pptx'] })
  const total = (performance.now() - started) / 1000
  const lines = timings().map((t) => `| ${t.step} | ${(t.ms / 1000).toFixed(2)} s | ${t.count} |`)
  return `One cold build of the bundled workshop in the benchmark's process (${total.toFixed(1)} s, load average ${load().toFixed(1)}). Steps in the two pages overlap, so their sums exceed the wall time.\n\n| step | time | count |\n| --- | --- | --- |\n${lines.join('\n')}\n`
}

/** One word edit, built in this process after a build of the same project, with the time of each step. */
async function profileEdit(project: string): Promise<string> {
  const out = path.join(work, 'profile-dist')
  const formats: ('html' | 'pdf' | 'pptx')[] = ['html', 'pdf', 'pptx']
  await build({ root: project, out, editions: [], formats })
  const module = path.join(project, 'content/modules/04-side-by-side.md')
  writeFileSync(module, EDITS.word(readFileSync(module, 'utf8'), 9))
  resetTimings()
  const built: string[] = []
  const started = performance.now()
  await build({ root: project, out, editions: [], formats, onEvent: (e) => e.type === 'job' && e.status === 'built' && built.push(`${e.label} ${e.seconds.toFixed(1)} s`) })
  const total = (performance.now() - started) / 1000
  const lines = timings().map((t) => `| ${t.step} | ${(t.ms / 1000).toFixed(2)} s | ${t.count} |`)
  return `\nOne word edited in content/modules/04-side-by-side.md, rebuilt in the benchmark's process (${total.toFixed(1)} s, load average ${load().toFixed(1)}). Browser jobs run: ${built.join(', ')}.\n\n| step | time | count |\n| --- | --- | --- |\n${lines.join('\n')}\n`
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
    row('3b. time per slide, scale vs bundled workshop', `${((r.a / scale.slides) * 1000).toFixed(0)} ms`, `${(bundledPerSlide * 1000).toFixed(0)} ms`, r.a / scale.slides / bundledPerSlide, '≤ 1.0')
  row('3c. peak memory of the process tree (PSS), kit at scale', `${peak.toFixed(0)} MiB`, '1024 MiB', peak / 1024, '≤ 1.0')
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
clearInterval(sampleLoad)
const loadRange = loads.length ? `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} (median ${median(loads).toFixed(1)})` : load().toFixed(1)
const report = `# Benchmarks

Produced by \`npm run bench\` (scripts/bench.ts). Both sides run on the same
machine in one session, alternating, ${runs} run${runs === 1 ? '' : 's'} each${warmUp ? ' after a warm-up' : ' (no warm-up)'};
medians are compared. Ratios below 1 mean kit is faster (or smaller).

- Date: ${new Date().toISOString().slice(0, 10)}
- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${process.platform} ${process.arch}; load average during the run ${loadRange}
- Node.js ${process.version}; ${browserVersion}; @marp-team/marp-cli ${version('@marp-team/marp-cli')}; @marp-team/marp-core ${version('@marp-team/marp-core')}

| scenario | kit (median) | baseline (median) | ratio | target |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

Individual runs (seconds unless marked): ${details.join('; ')}.

In the cold build kit makes everything marp-cli does (the decks as HTML, PDF
and PPTX, kit's PPTX editable and checked slide by slide where marp-cli's
is one picture per slide) plus the learners' decks, handouts, exercise sheets, booklet,
guide, quiz, answer key, landing pages, manifests and zips.

${profile}`
writeFileSync(path.resolve(root, process.env.BENCH_OUT ?? 'BENCHMARKS.md'), report)
rmSync(work, { recursive: true, force: true })
console.log(`written to ${process.env.BENCH_OUT ?? 'BENCHMARKS.md'}`)
