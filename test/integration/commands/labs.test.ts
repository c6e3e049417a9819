import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { kit } from '../../helpers/cli.ts'
import { copyFixture, FIXTURES } from '../../helpers/project.ts'
import { canUnshare } from '../../helpers/namespaces.ts'

/**
 * `kit labs` on planted exercises, through the real CLI. The sandbox needs
 * Linux namespaces: as root, or through an unprivileged user namespace.
 */

/** A complete exercise (every section) around planted steps. */
const exercise = (id: string, steps: string, cleanup = 'Nothing to clean.') => `---
id: ${id}
title: Planted ${id}
duration: 5
---

## Goal

Planted.

## Before you start

Nothing.

## Steps

${steps}
## Check your work

Done.

## Solution

None.

## Troubleshooting

None.

## Clean up

${cleanup}

## Going further

None.
`

describe.skipIf(!canUnshare)('kit labs', () => {
  let root: string
  /** Outside /tmp, which the sandbox replaces with its own tmpfs. */
  let outside: string
  const labs = (...args: string[]) => kit(['labs', '--root', root, '--yes', ...args], { NO_COLOR: '1' })

  beforeAll(async () => {
    root = await copyFixture('mini')
    outside = await mkdtemp('/var/tmp/kit-labs-test-')
    await writeFile(
      path.join(root, 'exercises/03-wrong.md'),
      exercise(
        'wrong',
        `### 1. Kernel name

\`\`\`sh run
uname -s
echo second line
\`\`\`

\`\`\`text expect
Linux
first line
\`\`\`

### 2. Still runs after a failure

\`\`\`sh run
echo fine
\`\`\`

\`\`\`text expect
fine
\`\`\`
`,
      ),
    )
    await writeFile(
      path.join(root, 'exercises/04-varying.md'),
      exercise(
        'varying',
        `### 1. Values that change every run

\`\`\`sh run
echo "pid $$ at $(date +%s.%N) on $(hostname)"
head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \\n'; echo
seq 1 $(( $$ % 5 + 1 ))
echo done
\`\`\`

\`\`\`text expect
pid {{pid:4242}} at {{num:1764150000.123}} on {{host:lab-vm}}
{{hex:9f3a6c01d2e4b587}}
{{...}}
done
\`\`\`

### 2. A terminal keeps its state; a second one is separate

\`\`\`sh run silent
X=kept; cd /tmp && mkdir -p shared && echo hi > shared/file
\`\`\`

\`\`\`sh run terminal=B
echo "X=\${X:-unset} $(cat /tmp/shared/file)"
\`\`\`

\`\`\`text expect
X=unset hi
\`\`\`

\`\`\`sh run
echo "X=$X in $(pwd)"
\`\`\`

\`\`\`text expect
X=kept in /tmp
\`\`\`

### 3. Docker

\`\`\`sh run needs=docker,cmd:no-such-program-kit
docker ps
\`\`\`
`,
      ),
    )
    await writeFile(
      path.join(root, 'exercises/05-hang.md'),
      exercise(
        'hang',
        `### 1. Start

\`\`\`sh run silent
echo started > ${outside}/started
\`\`\`

### 2. A step that never ends

\`\`\`sh run timeout=1
sleep 4711
\`\`\`

### 3. Never reached

\`\`\`sh run silent
echo unreachable > ${outside}/unreachable
\`\`\`
`,
        `\`\`\`sh cleanup
rm ${outside}/started && echo cleaned > ${outside}/cleaned
\`\`\``,
      ),
    )
  })

  afterAll(async () => {
    await rm(outside, { recursive: true, force: true })
  })

  it('fails a wrong expected output with a readable diff, and goes on with the next step', async () => {
    const { code, stdout } = await labs('--exercise', 'wrong')
    expect(code).toBe(1)
    expect(stdout).toContain('✗ 1. Kernel name')
    expect(stdout).toContain('output differs from the expected output at line 24')
    expect(stdout).toContain('at exercises/03-wrong.md:24')
    const diff = stdout.slice(stdout.indexOf('- expected  + actual'))
    expect(diff).toMatch(/\n {8}Linux\n/)
    expect(diff).toMatch(/\n {6}\+ second line\n/)
    expect(diff).toMatch(/\n {6}- first line\n/)
    expect(stdout).toContain('✓ 2. Still runs after a failure')
    expect(stdout).toContain('1 step passed, 0 ran without an output check, 1 failed, 0 skipped')
  })

  it('matches placeholders against output that changes every run, and keeps terminal state', async () => {
    for (let run = 0; run < 2; run++) {
      const { code, stdout } = await labs('--exercise', 'varying')
      expect(stdout).toContain('✓ 1. Values that change every run')
      expect(stdout).toContain('✓ 2. A terminal keeps its state; a second one is separate')
      expect(stdout).toMatch(/– 3\. Docker skipped: (no Docker daemon|Docker is not installed|needs no-such-program-kit)/)
      expect(code).toBe(0)
    }
  })

  it('kills a hanging step at its timeout, skips the rest and still runs the clean-up', async () => {
    const { code, stdout } = await labs('--exercise', 'hang')
    expect(code).toBe(1)
    expect(stdout).toContain('✓ 1. Start')
    expect(stdout).toContain('✗ 2. A step that never ends')
    expect(stdout).toContain('timed out after 1 s (line 25); the terminal was killed')
    expect(stdout).toContain('– 3. Never reached skipped: not run: step "2. A step that never ends" timed out')
    expect(stdout).toContain('clean-up: 1 block ran')
    expect(await readFile(path.join(outside, 'cleaned'), 'utf8')).toBe('cleaned\n')
    expect(existsSync(path.join(outside, 'started'))).toBe(false)
    expect(existsSync(path.join(outside, 'unreachable'))).toBe(false)
    expect(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })).not.toMatch(/^sleep 4711$/m)
  })

  it('writes a results file that keeps other exercises, and the build shows it to instructors only', async () => {
    await labs('--exercise', 'first-lab')
    const results = JSON.parse(await readFile(path.join(root, 'lab-results.json'), 'utf8'))
    expect(Object.keys(results.exercises).sort()).toEqual(['first-lab', 'hang', 'varying', 'wrong'])
    expect(results.exercises['first-lab']).toMatchObject({ steps: [{ title: '1. Run a command', status: 'pass' }] })
    expect(results.exercises['first-lab'].host).toMatch(/^Linux \S+ /)
    expect(results.exercises.varying.steps[2]).toMatchObject({ status: 'skipped' })

    const built = await kit(['build', '--root', root, '--formats', 'html', '--quiet'])
    expect(built.code, built.stderr).toBe(0)
    const page = (file: string) => readFile(path.join(root, 'dist', /instructor|guide/.test(file) ? 'instructor' : 'learner', 'long', file), 'utf8')
    const instructor = await page('exercises/first-lab.instructor.html')
    expect(instructor).toMatch(/Verified \d+ \w{3} \d{4}\.<\/strong> kit labs: 1 of 1 step passed/)
    const learner = await page('exercises/first-lab.html')
    expect(learner).not.toContain('Verified')
    expect(learner).not.toContain('class="lab-status')
    for (const sheet of [learner, instructor, await page('guide.html'), await page('exercises/first-lab.instructor.html')]) {
      expect(sheet).toContain('pid 4242')
      for (const marker of ['{{pid', 'sh run', 'text expect', 'timeout=5', 'HIDDEN-CLEANUP-MARKER']) expect(sheet).not.toContain(marker)
    }
    const guide = await page('guide.html')
    expect(guide).toContain('Exercise verification')
    expect(guide).toMatch(/Lab number 1<\/td><td><strong>Verified/)
    expect(guide).toMatch(/Lab number 2<\/td><td><strong>Not runnable/)
  })

  it('needs --yes when nobody can answer, and names unknown exercises', async () => {
    const asked = await kit(['labs', '--root', root], { NO_COLOR: '1' })
    expect(asked.code).toBe(2)
    expect(asked.stderr).toContain('KIT_LABS_CONFIRM')
    const unknown = await labs('--exercise', 'frist-lab')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Did you mean "first-lab"?')
  })
})

/** Blocks run at a terminal, as a learner types them: a planted exercise that only passes on one. */
describe.skipIf(!canUnshare)('kit labs at a terminal', () => {
  it('gives every block a pseudo-terminal with job control, and shows the output as the screen does', async () => {
    const root = await copyFixture('mini')
    await cp(path.join(FIXTURES, 'labs/terminal.md'), path.join(root, 'exercises/06-terminal.md'))
    const { code, stdout } = await kit(['labs', '--root', root, '--yes', '--exercise', 'terminal'], { NO_COLOR: '1' })
    expect(stdout).toContain('✓ 1. Standard input and output are a terminal')
    expect(stdout).toContain("✓ 2. ps without a selection lists this terminal's processes only")
    expect(stdout).toContain('✓ 3. Job control, and a command over several lines')
    expect(stdout).toContain('✓ 4. A shell started by a block reads the next ones, without echo or prompt')
    expect(stdout).toContain('✓ 5. Colours and carriage returns as the screen shows them')
    if (process.getuid?.() === 0) expect(stdout).toContain("✓ 6. Another user's terminal belongs to that user")
    else expect(stdout).toContain("– 6. Another user's terminal belongs to that user skipped: needs root")
    expect(code, stdout).toBe(0)
  })
})

/** Mistakes in lab markers and a damaged results file, as `kit check` reports them. */
describe('lab mistakes', () => {
  it('reports a wrong marker at file:line:column with a frame, and a damaged results file as a warning', async () => {
    const root = await copyFixture('mini')
    const lab = path.join(root, 'exercises/01-first-lab.md')
    await writeFile(lab, (await readFile(lab, 'utf8')).replace('```sh run timeout=5', '```sh run timeuot=5'))
    await writeFile(path.join(root, 'lab-results.json'), '{"version": 1, "exercises": [')
    const { code, stderr } = await kit(['check', '--root', root, '--no-browser'], { NO_COLOR: '1' })
    expect(code).toBe(1)
    expect(stderr).toMatch(/error KIT_LAB_MARKER exercises\/01-first-lab\.md:\d+:11\n {2}Unknown lab marker "timeuot=5"\./)
    expect(stderr).toMatch(/> \d+ \| ```sh run timeuot=5/)
    expect(stderr).toContain('hint: Lab markers: run, cleanup, expect')
    expect(stderr).toContain('warning KIT_LAB_RESULTS lab-results.json')
    expect(stderr).not.toMatch(/^\s+at /m)
  })
})
