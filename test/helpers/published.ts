import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import JSZip from 'jszip'
import type { Project } from '../../src/load/project.ts'

/**
 * What only instructors may see, as plain text snippets taken from the
 * sources: solutions (the Solution section and `::: solution` blocks),
 * instructor notes, speaker notes, quiz explanations and free answers.
 */
export function instructorOnlyTexts(project: Project): string[] {
  const texts: string[] = []
  for (const exercise of project.content.exercises) {
    for (const section of exercise.sections) {
      if (section.name === 'Solution' || section.name === 'Instructor notes') texts.push(...sentences(section.markdown))
      for (const block of section.markdown.matchAll(/^:::\s*solution\b[^\n]*\n([\s\S]*?)^:::/gm)) texts.push(...sentences(block[1] ?? ''))
    }
  }
  for (const module of project.content.modules) for (const notes of module.notes) for (const note of notes) texts.push(...sentences(note))
  for (const q of project.content.quiz) {
    if (q.explanation) texts.push(...sentences(q.explanation))
    if (!q.choices) texts.push(...sentences(q.answer))
  }
  // What learners are meant to read anyway (slide text, questions and choices) is no secret, even when an answer repeats it.
  const visible = normalise(
    [...project.content.modules.map((m) => m.body.replace(/<!--[\s\S]*?-->/g, ' ')), ...project.content.quiz.flatMap((q) => [q.question, ...(q.choices ?? [])])]
      .join('\n')
      .replace(/[`*_>#|[\]()]/g, ' '),
  )
  return [...new Set(texts)].filter((secret) => !visible.includes(secret))
}

/** Plain sentences of a markdown text, long enough not to occur by chance. */
function sentences(markdown: string): string[] {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/[`*_>#|[\]()]/g, ' ')
    .split(/(?<=[.!?])\s+|\n+/)
    .map(normalise)
    .filter((s) => s.length >= 24)
}

export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase()
}

/** Every text of every file below `dir` (HTML as text, PDFs through pdftotext, zips opened), by path. */
export async function publishedTexts(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const walk = async (folder: string): Promise<void> => {
    for (const name of readdirSync(folder)) {
      const file = path.join(folder, name)
      const rel = path.relative(dir, file)
      if (statSync(file).isDirectory()) await walk(file)
      else if (name.endsWith('.zip')) {
        const zip = await JSZip.loadAsync(readFileSync(file))
        for (const entry of Object.values(zip.files).filter((e) => !e.dir)) out.set(`${rel}!${entry.name}`, textOf(entry.name, Buffer.from(await entry.async('uint8array'))))
      } else out.set(rel, textOf(name, readFileSync(file)))
    }
  }
  await walk(dir)
  return out
}

function textOf(name: string, bytes: Buffer): string {
  if (name.endsWith('.pdf')) return normalise(execFileSync('pdftotext', ['-', '-'], { input: bytes, maxBuffer: 64 * 1024 * 1024 }).toString('utf8'))
  const text = bytes.toString('utf8')
  if (!name.endsWith('.html')) return normalise(text)
  const decoded = text
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
  return normalise(decoded)
}

/** The links of every HTML page below `dir` that lead outside it (relative links only; external URLs are not followed). */
export function linksLeaving(dir: string, texts: ReadonlyMap<string, string>): string[] {
  const leaving: string[] = []
  for (const rel of texts.keys()) {
    if (!rel.endsWith('.html') || rel.includes('!')) continue
    const html = readFileSync(path.join(dir, rel), 'utf8')
    for (const [, href] of html.matchAll(/\bhref="([^"#?]+)/g)) {
      if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href)) continue
      const target = path.resolve(path.dirname(path.join(dir, rel)), decodeURI(href))
      if (path.relative(dir, target).startsWith('..')) leaving.push(`${rel} → ${href}`)
    }
  }
  return leaving
}
