import { readFileSync } from 'node:fs'
import path from 'node:path'
import { formatDuration } from '../plan/agenda.ts'
import type { BuildResult } from '../commands/build.ts'
import { editionCount } from '../output/build-result.ts'
import { parseCommandLine, type ParsedCommand } from './args.ts'
import { formatProblem } from '../core/code-frame.ts'
import { decodeSource } from '../load/read-sources.ts'
import { FORMATS, type Format } from '../plan/edition-plan.ts'
import { plural } from '../core/plural.ts'
import { findProjectRoot } from '../load/project-root.ts'
import { KitError, Problems, usageError, type Problem } from '../core/problems.ts'

/**
 * The command line. The only place that prints problems and sets the exit
 * code: 0 ok, 1 content error, 2 usage error.
 */

const HELP = `kit — builds a workshop kit (slides, handouts, exercise sheets, guide, quiz) from one source

Usage:
  kit build [--edition ID…] [--lang LANG…] [--formats html,pdf,pptx] [--pptx editable|images] [--out DIR] [--force] [--quiet|--verbose]
            [--roster FILE.csv] [--results DIR]
  kit check [--strict] [--format json] [--no-browser] [--pptx] [--roster FILE.csv] [--results DIR --edition ID]
  kit dev [--port N]
  kit new module|exercise SLUG
  kit init [DIR] [--title TEXT] [--lang TAG] [--force]
  kit import DECK.md… [--max-mb N] [--timeout S] [--allow DIR…]
  kit eject FILE…
  kit list [--translations]
  kit translate --mark LANG [FILE…]
  kit labs [--exercise ID…] [--runtime linux|docker] [--yes]
  kit live [--edition ID] [--lang LANG] [--host ADDR|lan] [--port N] [--new]
  kit live report [SESSION]

Each command accepts only its own flags (and --root, --debug, --help);
anything else is a usage error (exit 2).

Options:
  --root DIR       workshop project folder (default: current folder)
  --edition ID     build: only this edition (repeatable; default: all)
  --lang LANG      build: only this language (repeatable; default: every one of workshop.yaml's languages)
  --formats LIST   build: comma-separated subset of html,pdf,pptx (default: all)
  --out DIR        build: output folder, relative to the current folder (default: dist/ in the project)
  --force          build: ignore the artefact cache (.kit-cache/) and rebuild everything
  --pptx MODE      build: slides.pptx as editable text, tables and pictures, or one picture per slide
                   (editable|images; default: workshop.yaml's pptx:, else editable)
  --roster FILE    build, check: the learners (CSV: name, email, organisation) on attendance sheets and certificates; never cached (docs/paperwork.md)
  --results DIR    build, check: a session's before.csv, after.csv, satisfaction.csv, attendance.csv (with one --edition): the session report
  --quiet          build: print only problems
  --verbose        build: print every file as it is written, and the cache's size
  --strict         check: fail on warnings too
  --format json    check: print problems as JSON
  --no-browser     check: skip the browser checks (overflow, accessibility)
  --pptx           check: also read every slide for the editable PPTX and list those that would be pictures (as kit build does)
  --translations   list: each translation's state per language (up to date, stale, not marked, missing)
  --mark LANG      translate: record in LANG's translations (or those of FILE…) the version of the source
                   they translate, and keep a copy of it in translated-from/LANG/
  --port N         dev: port on 127.0.0.1 (default: a free one)
  --title TEXT     init: the workshop's title (default: from the folder name)
  --lang TAG       init: the workshop's language, which also sets its paper (default: LC_ALL/LC_MESSAGES/LANG, else en)
  --force          init: add the starter files to a folder that is not empty (never overwrites)
  --max-mb N       import: largest remote file to download (default: 20)
  --timeout S      import: seconds allowed for each download (default: 20)
  --exercise ID    labs: run only this exercise (repeatable; default: all)
  --runtime NAME   labs: only steps without Docker (linux) or only Docker steps (docker)
  --yes            labs: run without asking (required when not at a terminal)
  --edition ID     live: the edition the room follows (needed when the workshop has several)
  --lang LANG      live: the language of the room (default: the workshop's)
  --host ADDR      live: where learners connect: lan (this machine's address on the room's network)
                   or an address of this machine (default: 127.0.0.1, this machine only)
  --port N         live: the port (default: the resumed session's, else 7373; 0 takes a free one)
  --new            live: start a new session instead of resuming today's
  SESSION          live report: the session to report on (default: the latest; see .kit-live/)
  --debug          show stack traces of internal errors
  -h, --help       show this help
  -v, --version    show the version

Environment:
  CHROME_PATH / BROWSER_PATH   browser for PDF and PPTX (default: a system Chrome/Chromium/Edge)
  NO_COLOR                     disable colours
`

interface Io {
  out: (text: string) => void
  err: (text: string) => void
}

const defaultIo: Io = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) }

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const debug = argv.includes('--debug')
  let root = path.resolve('.')
  try {
    const parsed = parseCommandLine(argv)
    if (parsed.command === 'version') {
      io.out(version())
      return 0
    }
    if (parsed.command === 'help') {
      io.out(HELP)
      return argv.length === 0 ? 2 : 0
    }
    const { values, positionals } = parsed
    // Without --root, the project around the current folder (kit init makes a new one, so it stays here).
    root = values.root === undefined && parsed.command !== 'init' ? findProjectRoot('.') : path.resolve(String(values.root))
    switch (parsed.command) {
      case 'build':
        return await runBuild(root, values, io)
      case 'check':
        return await runCheck(root, values, io)
      case 'list':
        return values.translations ? await runListTranslations(root, io) : await runList(root, io)
      case 'translate':
        return await runTranslate(root, values, positionals, io)
      case 'new': {
        const { nextSteps, scaffold } = await import('../commands/new.ts')
        for (const line of nextSteps(await scaffold(root, positionals[0] ?? '', positionals[1]))) io.out(line)
        return 0
      }
      case 'dev':
        return await runDev(root, values, io)
      case 'init':
        return await runInit(positionals[0] ?? '.', values, io)
      case 'import':
        return await runImport(root, positionals, values, io)
      case 'eject': {
        const { eject } = await import('../commands/eject.ts')
        for (const file of await eject(root, positionals)) io.out(`copied kit's ${file} into the project: edit it there; it replaces kit's`)
        return 0
      }
      case 'live':
        return await runLive(root, values, io)
      case 'live report': {
        const { liveReport } = await import('../commands/live/report.ts')
        const made = await liveReport(root, positionals[0])
        io.out(`report of session ${made.session}: ${made.files.map((f) => path.relative(process.cwd(), f)).join(', ')}`)
        for (const note of made.notes) io.err(note)
        return 0
      }
      case 'labs': {
        const { labsCommand } = await import('../commands/labs/labs.ts')
        return await labsCommand({
          root,
          exercises: (values.exercise as string[] | undefined) ?? [],
          runtime: values.runtime as string | undefined,
          yes: Boolean(values.yes),
          interactive: Boolean(process.stdin.isTTY) && io === defaultIo,
          out: io.out,
        })
      }
    }
  } catch (error) {
    if (error instanceof KitError) {
      printProblems(error.problems, io, root)
      return error.exitCode
    }
    io.err(`internal error: ${error instanceof Error ? error.message : String(error)}`)
    if (debug && error instanceof Error && error.stack) io.err(error.stack)
    else io.err('Run again with --debug for details, and please report it.')
    return 1
  }
}

type Values = ParsedCommand['values']

function parseFormats(value: string | undefined): Format[] {
  if (!value) return [...FORMATS]
  const list = value
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
  const unknown = list.filter((f) => !(FORMATS as readonly string[]).includes(f))
  if (unknown.length > 0 || list.length === 0) {
    throw usageError('KIT_UNKNOWN_FORMAT', `Unknown format: ${unknown.join(', ') || '(empty)'}.`, `Use a comma-separated subset of ${FORMATS.join(',')}.`)
  }
  return list as Format[]
}

function parsePptxMode(value: string | undefined): 'editable' | 'images' | undefined {
  if (value === undefined || value === 'editable' || value === 'images') return value
  throw usageError('KIT_USAGE', `--pptx ${value || '(empty)'}: the PPTX mode is editable or images.`, 'Use --pptx editable (text boxes, tables, pictures) or --pptx images (one picture per slide).')
}

async function runBuild(root: string, values: Values, io: Io): Promise<number> {
  const formats = parseFormats(values.formats as string | undefined)
  // --out is a path as typed, so it is relative to the current folder; the default lives in the project.
  const out = values.out === undefined ? path.join(root, 'dist') : path.resolve(String(values.out))
  const options = {
    root,
    out,
    editions: (values.edition as string[] | undefined) ?? [],
    languages: (values.lang as string[] | undefined) ?? [],
    formats,
    force: Boolean(values.force),
    pptx: parsePptxMode(values.pptx as string | undefined),
    roster: values.roster as string | undefined,
    results: values.results as string | undefined,
  }
  const quiet = Boolean(values.quiet)
  // Each command loads its stages when it runs: `kit --help` and an up-to-date build start fast.
  const [{ settingsFingerprint, upToDate }, { BuildReporter }] = await Promise.all([import('../output/up-to-date.ts'), import('./build-reporter.ts')])
  const started = performance.now()
  const settings = await settingsFingerprint(options, new Date())
  // A roster or results make every build anew (docs/paperwork.md): no record of personal data is kept.
  let result: BuildResult | undefined = options.force || options.roster || options.results ? undefined : await upToDate(options, settings)
  if (result) {
    printProblems(result.warnings, io, root)
    const count = result.editions.reduce((n, e) => n + e.files.length, 0)
    if (!quiet)
      io.out(
        `up to date: ${plural(editionCount(result), 'edition')}, ${plural(count, 'file')} in ${path.relative(process.cwd(), out) || '.'}; nothing changed since the last build (${((performance.now() - started) / 1000).toFixed(1)} s; --force rebuilds)`,
      )
    return 0
  }
  const { build } = await import('../commands/build.ts')
  const tty = Boolean(process.stdout.isTTY) && io === defaultIo
  const stream = tty ? process.stdout : { write: (text: string) => io.out(text.replace(/\n$/, '')) }
  const reporter = new BuildReporter({ tty, quiet, verbose: Boolean(values.verbose), stream })
  try {
    result = await build({ ...options, settings, onEvent: reporter.handle })
  } finally {
    reporter.finish(result)
  }
  printProblems(result.warnings, io, root)
  if (!quiet) {
    const count = result.editions.reduce((n, e) => n + e.files.length, 0)
    const { built, cached } = result.artefacts
    const what = result.upToDate ? 'up to date:' : 'built'
    io.out(
      `${what} ${plural(editionCount(result), 'edition')}, ${plural(count, 'file')}, into ${path.relative(process.cwd(), out) || '.'} in ${result.seconds.toFixed(1)} s (browser artefacts: ${built} built, ${cached} from cache)`,
    )
  }
  return 0
}

async function runCheck(root: string, values: Values, io: Io): Promise<number> {
  if (values.format !== undefined && values.format !== 'json' && values.format !== 'text') {
    throw usageError('KIT_USAGE', `--format ${values.format} is not a report format.`, 'Use --format json, or leave it out for text.')
  }
  const { runChecks } = await import('../commands/check/check.ts')
  const started = Date.now()
  const session = { roster: values.roster as string | undefined, results: values.results as string | undefined, editions: (values.edition as string[] | undefined) ?? [] }
  const { problems, browserChecked, pagesChecked } = await runChecks(root, { browser: !values['no-browser'], pptx: values.pptx === true, session })
  const failing = problems.errors.length > 0 || (values.strict && problems.warnings.length > 0)
  // Errors first, then warnings; each grouped by file, in line order; problems without a file last.
  const sorted = [...problems.list].sort(
    (a, b) =>
      Number(a.severity === 'warning') - Number(b.severity === 'warning') ||
      (a.location?.file ?? '\uffff').localeCompare(b.location?.file ?? '\uffff') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0),
  )
  if (values.format === 'json') {
    io.out(JSON.stringify({ ok: !failing, browserChecked, problems: sorted }, null, 2))
    return failing ? 1 : 0
  }
  printProblems(sorted, io, root)
  const browserNote = browserChecked ? `slides and ${plural(pagesChecked, 'page')} checked in the browser` : 'overflow and accessibility not checked (no browser, or errors first)'
  io.out(`${plural(problems.errors.length, 'error')}, ${plural(problems.warnings.length, 'warning')}; ${browserNote}; ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return failing ? 1 : 0
}

async function runList(root: string, io: Io): Promise<number> {
  const [{ loadProject }, { planEdition }] = await Promise.all([import('../load/project.ts'), import('../plan/edition-plan.ts')])
  const { project, problems } = await loadProject(root)
  if (!project) throw new KitError(problems.list)
  for (const edition of project.content.workshop.editions) {
    const plan = planEdition(project.content, edition)
    const flag = plan.agenda.offTarget ? '  (off target)' : ''
    io.out(`${edition.id}: ${edition.title} — ${formatDuration(plan.agenda.total)} of ${formatDuration(edition.length)}${flag}`)
    for (const entry of plan.agenda.entries) {
      io.out(`  ${entry.start}  ${String(entry.minutes).padStart(3)} min  ${entry.kind.padEnd(8)} ${entry.title}`)
    }
  }
  printProblems(problems.list, io, root)
  return problems.errors.length > 0 ? 1 : 0
}

async function runListTranslations(root: string, io: Io): Promise<number> {
  const [{ loadProject }, { translationTable }, { languagesOf }] = await Promise.all([import('../load/project.ts'), import('../commands/translate.ts'), import('../load/translations.ts')])
  const { project, problems } = await loadProject(root)
  if (!project) throw new KitError(problems.list)
  const languages = [...new Set([...languagesOf(project.content), ...(project.content.translations?.packs.keys() ?? [])])].filter((l) => l !== project.content.workshop.language)
  if (languages.length === 0) {
    io.out(`no translations: workshop.yaml builds only ${project.content.workshop.language} (add languages: [${project.content.workshop.language}, de] to translate)`)
    return 0
  }
  const rows = await translationTable(project, languages)
  const width = Math.max(6, ...rows.map((r) => r.source.length))
  const column = Math.max(...rows.flatMap((r) => Object.values(r.states).map((s) => s.length)), ...languages.map((l) => l.length))
  io.out(`${'source'.padEnd(width)}  ${languages.map((l) => l.padEnd(column)).join('  ')}`.trimEnd())
  for (const row of rows) io.out(`${row.source.padEnd(width)}  ${languages.map((l) => (row.states[l] ?? '').padEnd(column)).join('  ')}`.trimEnd())
  return 0
}

async function runTranslate(root: string, values: Values, files: string[], io: Io): Promise<number> {
  const lang = values.mark
  if (typeof lang !== 'string' || lang === '')
    throw usageError('KIT_USAGE', 'kit translate needs --mark LANG.', 'kit translate --mark de marks every German translation as up to date with its source; name files to mark only those.')
  const { markTranslations } = await import('../commands/translate.ts')
  for (const m of await markTranslations(root, lang, files)) io.out(`${m.changed ? 'marked' : 'already marked'} ${m.file} (${m.hash}); source kept in ${m.copy}`)
  return 0
}

async function runInit(dir: string, values: Values, io: Io): Promise<number> {
  const { initProject } = await import('../commands/init.ts')
  const asked = values.lang as string | undefined
  const made = await initProject(dir, { title: values.title as string | undefined, language: asked, force: Boolean(values.force) })
  const where = path.relative(process.cwd(), path.resolve(dir)) || '.'
  io.out(`created ${made.files.length} files in ${where}: ${made.files.join(', ')}`)
  io.out(`language: ${made.language}, paper: ${made.paper} (content/workshop.yaml; kit init --lang TAG for another)`)
  if (made.fonts.length > 0) io.out(`font: ${made.fonts.join(', ')} in devDependencies, so its script prints (npm install fetches it)`)
  if (!made.catalogue)
    io.out(
      asked
        ? `kit has no catalogue for ${made.language}: the words it writes stay English until you add templates/i18n/${made.language}.yaml (docs/languages.md)`
        : `kit has no catalogue for your environment's language, so the workshop is in English`,
    )
  io.out(`next: cd ${where} && npm install && npm run dev   (npm run build for every output)`)
  return 0
}

async function runImport(root: string, decks: string[], values: Values, io: Io): Promise<number> {
  const limit = (value: unknown, fallback: number, what: string) => {
    if (value === undefined) return fallback
    const n = Number(value)
    if (!Number.isFinite(n) || n <= 0) throw usageError('KIT_USAGE', `--${what} ${String(value)} is not a positive number.`, 'See kit --help.')
    return n
  }
  const [{ importDecks }, { DEFAULT_LIMITS }] = await Promise.all([import('../commands/import/import.ts'), import('../commands/import/fetch-asset.ts')])
  const limits = {
    maxBytes: limit(values['max-mb'], DEFAULT_LIMITS.maxBytes / 1024 / 1024, 'max-mb') * 1024 * 1024,
    timeoutMs: limit(values.timeout, DEFAULT_LIMITS.timeoutMs / 1000, 'timeout') * 1000,
  }
  let failed = 0
  for (const report of await importDecks(root, decks, limits, { allow: (values.allow as string[] | undefined) ?? [] })) {
    io.out(`imported ${path.relative(process.cwd(), report.deck)} → ${report.module} (${report.slides} slides, duration ${report.minutes} min)`)
    for (const change of report.changes) io.out(`  ${change}`)
    for (const f of report.failures) io.err(`  ${f.refused ? 'refused' : 'could not fetch'} ${f.url} (line ${f.line}, column ${f.column}): ${f.reason}`)
    failed += report.failures.length
  }
  if (failed > 0) io.err(`${plural(failed, 'reference')} could not be brought in and still point outside the project: the build reports them until they are replaced by local files.`)
  else io.out('next: add the module to an edition in content/workshop.yaml, then kit check')
  return failed > 0 ? 1 : 0
}

async function runDev(root: string, values: Values, io: Io): Promise<number> {
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError('KIT_USAGE', `--port ${values.port} is not a port number.`, 'Use 0–65535, or leave it out for a free port.')
  const { startDevServer } = await import('../commands/dev/server.ts')
  const server = await startDevServer({ root, port, log: (line) => io.err(line) })
  io.out(`kit dev: serving ${server.url} (HTML only, PDFs, PPTX and zips from the last kit build; module previews at ${server.url}__kit/modules/; Ctrl-C to stop)`)
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await server.close()
  io.out('kit dev: stopped')
  return 0
}

async function runLive(root: string, values: Values, io: Io): Promise<number> {
  const port = values.port === undefined ? undefined : Number(values.port)
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw usageError('KIT_USAGE', `--port ${values.port} is not a port number.`, 'Use 0–65535; 0 takes a free port.')
  const [{ startLive }, { liveBanner }] = await Promise.all([import('../commands/live/live.ts'), import('../commands/live/banner.ts')])
  const live = await startLive({
    root,
    edition: values.edition as string | undefined,
    lang: values.lang as string | undefined,
    host: values.host as string | undefined,
    port,
    fresh: Boolean(values.new),
  })
  for (const line of await liveBanner(live, { color: Boolean(process.stdout.isTTY) && io === defaultIo && !process.env.NO_COLOR })) io.out(line)
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await live.close()
  io.out(`kit live: stopped; session ${live.session} kept in ${path.relative(process.cwd(), live.file)} (kit live report for its report; kit live resumes it)`)
  return 0
}

function printProblems(list: Problem[], io: Io, root: string): void {
  const cache = new Map<string, string | undefined>()
  const source = (file: string) => {
    if (!cache.has(file)) {
      try {
        const bytes = readFileSync(path.join(root, file))
        // A file that is not valid UTF-8 is still shown, bad bytes as U+FFFD.
        cache.set(file, decodeSource(bytes, file, new Problems()) ?? bytes.toString('utf8').replace(/\r\n?/g, '\n'))
      } catch {
        cache.set(file, undefined)
      }
    }
    return cache.get(file)
  }
  for (const problem of list) {
    io.err(formatProblem(problem, problem.location?.line ? source(problem.location.file) : undefined))
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  return pkg.version
}
