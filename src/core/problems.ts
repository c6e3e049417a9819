import { PROBLEM_CODES, type ProblemCode } from './problem-codes.ts'

export type { ProblemCode }

/**
 * Errors are data: every problem the kit finds in a user's sources is a
 * `Problem` with a stable code, a location and a hint. Problems are collected
 * per run and reported together; only the CLI prints them and picks the exit
 * code.
 */

export type Severity = 'error' | 'warning'

/** A position in a source file; line and column are 1-based. */
export interface SourceLocation {
  /** Path relative to the project root, with forward slashes. */
  file: string
  line?: number
  column?: number
}

export interface Problem {
  /** Stable identifier from the catalogue (src/problem-codes.ts), e.g. `KIT_YAML_SYNTAX`. */
  code: ProblemCode
  severity: Severity
  /** What is wrong, in one sentence. */
  message: string
  /** How to fix it. */
  hint?: string
  location?: SourceLocation
}

/** Thrown when a run cannot go on; carries every problem found so far. */
export class KitError extends Error {
  readonly problems: Problem[]
  /** 1 for content errors, 2 for usage errors. */
  readonly exitCode: 1 | 2

  constructor(problems: Problem[], exitCode: 1 | 2 = 1) {
    super(problems.map((p) => p.message).join('\n'))
    this.name = 'KitError'
    this.problems = problems
    this.exitCode = exitCode
  }
}

/** Collects problems during a run. */
export class Problems {
  readonly list: Problem[] = []

  private readonly seen = new Set<string>()

  add(problem: Omit<Problem, 'severity'> & { severity?: Severity }): void {
    this.push(withDefaults({ severity: 'error', ...problem }))
  }

  warn(problem: Omit<Problem, 'severity'>): void {
    this.push(withDefaults({ ...problem, severity: 'warning' }))
  }

  /**
   * One mistake, one report: the same problem found again (a module's image
   * checked for every edition that shows it, by check and by the build) is
   * kept once.
   */
  push(...problems: Problem[]): void {
    for (const problem of problems) {
      const { file, line, column } = problem.location ?? {}
      const key = [problem.code, file, line, column, problem.message].join('\0')
      if (this.seen.has(key)) continue
      this.seen.add(key)
      this.list.push(problem)
    }
  }

  get errors(): Problem[] {
    return this.list.filter((p) => p.severity === 'error')
  }

  get warnings(): Problem[] {
    return this.list.filter((p) => p.severity === 'warning')
  }

  /** Throws a KitError when any error was collected. */
  throwIfErrors(): void {
    if (this.errors.length > 0) throw new KitError(this.list)
  }
}

/** A usage error (bad flag, unknown edition): exit code 2. */
export function usageError(code: ProblemCode, message: string, hint?: string): KitError {
  return new KitError([withDefaults({ code, severity: 'error', message, hint })], 2)
}

/** A problem's hint falls back to its code's default hint. */
export function withDefaults(problem: Problem): Problem {
  return problem.hint ? problem : { ...problem, hint: PROBLEM_CODES[problem.code].hint }
}
