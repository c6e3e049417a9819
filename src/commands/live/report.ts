import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { KitError, usageError } from '../../core/problems.ts'
import { findBrowser } from '../../export/browser/find.ts'
import { withBrowser } from '../../export/browser/session.ts'
import { printDocument } from '../../export/print-pdf.ts'
import { contentInLanguage } from '../../load/language-content.ts'
import { loadProject, type Project } from '../../load/project.ts'
import { fontsFor } from '../../render/editions.ts'
import { liveReportView } from '../../render/views/live-report.ts'
import { pageStyles } from '../../output/edition-files.ts'
import { reportCsv } from './csv.ts'
import type { Figures } from './figures.ts'
import { liveDir, sessionFile, sessionIds } from './session.ts'
import { SessionStore } from './store.ts'
import { storedFigures, writeSummary } from './summary.ts'

/**
 * `kit live report [SESSION]`: a session's report as HTML, PDF (through the
 * one browser subsystem; skipped with a note when there is no browser) and
 * CSV files, in `.kit-live/reports/<session>/`, beside the session and
 * never in dist/: it names people. Also (re)writes the session's anonymous
 * summary that the next build shows in the guide.
 */
export interface LiveReport {
  session: string
  files: string[]
  notes: string[]
}

export async function liveReport(root: string, asked?: string): Promise<LiveReport> {
  const ids = sessionIds(root)
  const session = asked ?? ids.at(-1)
  if (!session || !ids.includes(session)) {
    throw usageError(
      'KIT_LIVE_SESSION',
      session ? `There is no session "${session}" in ${LIVE}.` : `There is no session in ${LIVE} yet.`,
      ids.length ? `Sessions: ${ids.join(', ')}.` : 'Run kit live first.',
    )
  }
  const store = SessionStore.read(sessionFile(root, session))
  let figures: Figures
  let meta: Record<string, string>
  try {
    meta = store.meta()
    figures = storedFigures(store)
  } finally {
    store.close()
  }
  const loaded = await loadProject(root)
  if (!loaded.project) throw new KitError(loaded.problems.list)
  const dir = path.join(liveDir(root), 'reports', session)
  await mkdir(dir, { recursive: true })
  const files: string[] = []
  const notes: string[] = []
  const html = await reportHtml(loaded.project, meta, session, figures, loaded.inputs)
  files.push(await put(dir, 'report.html', html.page))
  for (const [name, text] of reportCsv(figures)) files.push(await put(dir, name, text))
  const pdf = await reportPdf(html.page, html.title, meta.lang ?? 'en')
  if (pdf) files.push(await put(dir, 'report.pdf', pdf))
  else notes.push('report.pdf not written: no Chromium-family browser found (install one or set CHROME_PATH).')
  const reopened = SessionStore.read(sessionFile(root, session))
  try {
    files.push(await writeSummary(root, session, reopened))
  } finally {
    reopened.close()
  }
  return { session, files, notes }
}

const LIVE = '.kit-live/'

async function put(dir: string, name: string, data: string | Uint8Array): Promise<string> {
  const file = path.join(dir, name)
  await writeFile(file, data)
  return file
}

/** The report page in the session's language, with fonts for every character in it (names included). */
async function reportHtml(source: Project, meta: Record<string, string>, session: string, figures: Figures, inputs: Parameters<typeof fontsFor>[2]) {
  const content = contentInLanguage(source.content, meta.lang ?? source.content.workshop.language).content
  const project: Project = { ...source, content }
  const edition = content.workshop.editions.find((e) => e.id === meta.edition) ?? content.workshop.editions[0]
  if (!edition) throw usageError('KIT_LIVE_SESSION', `The session's edition "${meta.edition}" is not in workshop.yaml any more.`)
  const timeZone = content.workshop.event?.timezone
  const draft = liveReportView(content, edition, { session, ...figures }, pageStyles(project, ''), timeZone)
  const fonts = await fontsFor(project, [JSON.stringify(draft)], inputs)
  const view = liveReportView(content, edition, { session, ...figures }, pageStyles(project, fonts.css), timeZone)
  return { page: project.templates.render('live/report', view, content.messages), title: view.title }
}

async function reportPdf(html: string, title: string, language: string): Promise<Uint8Array | undefined> {
  const browser = await findBrowser().catch(() => undefined)
  if (!browser) return undefined
  return withBrowser(browser, async (session) => (await session.pages()).use('report.pdf', async (page) => (await printDocument(page, html, { title, author: 'kit live', language })).bytes))
}
