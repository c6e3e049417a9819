/**
 * The letters that name a quiz question's choices, everywhere they are
 * shown (knowledge-check slides, quiz sheet, answer key) and where an
 * author may write one as the answer.
 */
export const CHOICE_LETTERS = 'ABCDEFGHIJ'

/** A question has at most as many choices as there are letters to name them. */
export const MAX_CHOICES = CHOICE_LETTERS.length

/** The letter of choice `index` (0-based), or '?' for an answer that is not among the choices. */
export function choiceLetter(index: number): string {
  return CHOICE_LETTERS[index] ?? '?'
}

/** The letter of `answer` among `choices`, or '?' when it is not one of them. */
export function letterOf(choices: readonly string[], answer: string): string {
  return choiceLetter(choices.indexOf(answer))
}

/** `answer: B` (or `b`, `B.`, `B)`) names the second choice; undefined when the answer is not such a letter or names no choice. */
export function choiceByLetter(choices: readonly string[], answer: string): string | undefined {
  const letter = answerLetter(answer)
  return letter === undefined ? undefined : choices[CHOICE_LETTERS.indexOf(letter)]
}

/** The letter an answer is written as (`E`, `e.`, `E)`), whether or not the question has that many choices. */
export function answerLetter(answer: string): string | undefined {
  return /^\s*([A-Z])\s*[.)]?\s*$/i.exec(answer)?.[1]?.toUpperCase()
}

/** The letters of a question's choices, for a hint: "A, B, C". */
export function lettersFor(count: number): string {
  return CHOICE_LETTERS.slice(0, count).split('').join(', ')
}
