import { DOMParser, type Element } from '@xmldom/xmldom'

/**
 * Readers for the quiz exports, written from Moodle's format
 * documentation (GIFT format and Moodle XML format pages of the Moodle
 * docs, and the GIFT importer they describe), independent of kit's
 * writers: they read a file back into questions to compare with the quiz.
 */
export interface ReadQuestion {
  category: string
  name: string
  /** `multichoice` or `shortanswer`. */
  type: string
  format: string
  text: string
  /** Each answer with its weight in percent. */
  answers: { text: string; fraction: number }[]
  generalFeedback: string
}

// GIFT: "\character" escapes ~ = # { } and :, "\n" is a line break, "\\" a backslash.
// Escaped characters wait as private-use placeholders while the syntax is read, as Moodle's importer does with its own.
const ESCAPES: Record<string, string> = { '\\': '\ue001', ':': '\ue002', '#': '\ue003', '=': '\ue004', '{': '\ue005', '}': '\ue006', '~': '\ue007', n: '\ue008' }
const UNESCAPED: Record<string, string> = Object.fromEntries(Object.entries(ESCAPES).map(([c, p]) => [p, c === 'n' ? '\n' : c]))

function protect(text: string): string {
  return text.replace(/\\([\\:#={}~n])/g, (_, c: string) => ESCAPES[c] ?? c)
}

function restore(text: string): string {
  return text.replace(/[\ue001-\ue008]/g, (c) => UNESCAPED[c] ?? c).trim()
}

/** Questions of a GIFT file: blocks separated by blank lines, `//` comment lines dropped. */
export function readGift(file: string): ReadQuestion[] {
  const questions: ReadQuestion[] = []
  let category = ''
  for (const block of file.split(/\n[ \t]*\n/)) {
    const text = protect(
      block
        .split('\n')
        .filter((l) => !l.trim().startsWith('//'))
        .join('\n')
        .trim(),
    )
    if (text === '') continue
    if (text.startsWith('$CATEGORY:')) {
      category = restore(text.slice('$CATEGORY:'.length))
      continue
    }
    questions.push(giftQuestion(text, category))
  }
  return questions
}

function giftQuestion(source: string, category: string): ReadQuestion {
  let text = source
  let name = ''
  if (text.startsWith('::')) {
    const end = text.indexOf('::', 2)
    name = restore(text.slice(2, end))
    text = text.slice(end + 2).trim()
  }
  const open = text.indexOf('{')
  const close = text.indexOf('}')
  if (open < 0 || close < open) throw new Error(`no answer block in: ${source}`)
  let answerText = text.slice(open + 1, close).trim()
  let questionText = `${text.slice(0, open)}${text.slice(close + 1)}`.trim()
  let format = 'moodle'
  const formatMatch = /^\[(\w+)\]/.exec(questionText)
  if (formatMatch) {
    format = formatMatch[1] ?? format
    questionText = questionText.slice(formatMatch[0].length)
  }
  let generalFeedback = ''
  const feedbackAt = answerText.lastIndexOf('####')
  if (feedbackAt >= 0) {
    generalFeedback = restore(answerText.slice(feedbackAt + 4))
    answerText = answerText.slice(0, feedbackAt).trim()
  }
  const multichoice = answerText.includes('~')
  const parts = multichoice ? answerText.replace(/=/g, '~=').split('~') : answerText.split('=')
  const answers = parts
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const right = !multichoice || p.startsWith('=')
      const body = p.replace(/^=/, '').split('#')[0] ?? ''
      return { text: restore(body), fraction: right ? 100 : 0 }
    })
  return { category, name, type: multichoice ? 'multichoice' : 'shortanswer', format, text: restore(questionText), answers, generalFeedback }
}

/** Questions of a Moodle XML file; a file that is not well-formed XML throws. */
export function readMoodleXml(file: string): ReadQuestion[] {
  const errors: string[] = []
  const doc = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(file, 'text/xml')
  if (errors.length > 0) throw new Error(`not well-formed: ${errors.join('; ')}`)
  const quiz = doc.documentElement
  if (quiz?.tagName !== 'quiz') throw new Error('the root element is not <quiz>')
  const questions: ReadQuestion[] = []
  let category = ''
  for (const question of children(quiz, 'question')) {
    const type = question.getAttribute('type') ?? ''
    if (type === 'category') {
      category = textOf(children(question, 'category')[0])
      continue
    }
    const questionText = children(question, 'questiontext')[0]
    questions.push({
      category,
      name: textOf(children(question, 'name')[0]),
      type,
      format: questionText?.getAttribute('format') ?? '',
      text: textOf(questionText),
      answers: children(question, 'answer').map((a) => ({ text: textOf(a), fraction: Number(a.getAttribute('fraction')) })),
      generalFeedback: textOf(children(question, 'generalfeedback')[0]),
    })
  }
  return questions
}

function children(element: Element | undefined, tag: string): Element[] {
  if (!element) return []
  return Array.from(element.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).tagName === tag)
}

/** The <text> child of an element, as text (entities decoded by the parser). */
function textOf(element: Element | undefined): string {
  return children(element, 'text')[0]?.textContent?.trim() ?? ''
}
