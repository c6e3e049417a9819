import { describe, expect, it } from 'vitest'
import { checkPlaceholders, exampleText, matchOutput } from '../../../src/load/lab-expect.ts'
import { describeHost, machineFacts, type HostFacts } from '../../../src/commands/labs/host.ts'
import { LAB_REASONS, parseLabResults } from '../../../src/load/lab-results.ts'
import { parseFenceInfo } from '../../../src/load/lab-markers.ts'
import { planLabs } from '../../../src/commands/labs/run.ts'
import { screenText } from '../../../src/commands/labs/screen.ts'
import { extractLabScript } from '../../../src/load/lab-script.ts'
import { parseExercise } from '../../../src/load/exercise.ts'
import { Problems } from '../../../src/core/problems.ts'
import { renderMarkdown } from '../../../src/render/markdown-html.ts'
import { labStatusView } from '../../../src/render/views/lab-status.ts'
import { createMessages } from '../../../src/core/messages.ts'
import { kitCatalogues } from '../../../src/load/catalogues.ts'
import { labReason, recorded, withLimit } from '../../../src/commands/labs/reasons.ts'
import { reasonWords } from '../../../src/load/lab-words.ts'

// British English: dates as "26 Nov 2026".
const enGB = createMessages('en-GB', kitCatalogues())

describe('lab markers', () => {
  it('reads the role and the options after the language', () => {
    const { markers, errors } = parseFenceInfo('sh run terminal=B exit=any timeout=5 needs=root,cmd:gcc user=nobody')
    expect(errors).toEqual([])
    expect(markers).toEqual({ role: 'run', terminal: 'B', user: 'nobody', exit: 'any', timeout: 5, needs: ['root', 'cmd:gcc'], hidden: false, silent: false })
    expect(parseFenceInfo('sh run silent').markers?.silent).toBe(true)
    expect(parseFenceInfo('text expect silent').errors[0]?.message).toContain('run block only')
  })

  it('leaves ordinary blocks alone, even with words that are not markers', () => {
    expect(parseFenceInfo('sh').markers).toBeUndefined()
    expect(parseFenceInfo('python title=x').markers).toBeUndefined()
    expect(parseFenceInfo('run').markers).toBeUndefined() // a language called "run"
  })

  it('reports an unknown marker at its offset, with the list of markers', () => {
    const { errors } = parseFenceInfo('sh run timeuot=5')
    expect(errors).toHaveLength(1)
    expect(errors[0]?.offset).toBe(7)
    expect(errors[0]?.message).toContain('timeuot=5')
    expect(errors[0]?.hint).toContain('timeout=SECONDS')
  })

  it('rejects bad values', () => {
    expect(parseFenceInfo('sh run exit=300').errors[0]?.message).toContain('not an exit status')
    expect(parseFenceInfo('sh run timeout=0').errors[0]?.message).toContain('not a number of seconds')
    expect(parseFenceInfo('sh run needs=windows').errors[0]?.message).toContain('Unknown need "windows"')
    expect(parseFenceInfo('text expect terminal=B').errors[0]?.message).toContain('does not apply to an expect block')
  })
})

describe('expected output', () => {
  it('matches literally, ignoring column widths and blank edges', () => {
    expect(matchOutput('  PID CMD\n    1 sh\n', '\n    PID    CMD\n      1 sh\n\n').ok).toBe(true)
    expect(matchOutput('a\nb', 'a\nc').ok).toBe(false)
  })

  it('matches placeholders against output that varies between runs', () => {
    const expected = 'pid {{pid:9367}} on {{host:lab}}\ntook {{time:0.004 s}}, {{size:1.2M}}, id {{hex:0f5c}}\n{{word:x86_64}} {{any:whatever}}'
    for (const actual of ['pid 1 on lab-vm\ntook 0.310 s, 12M, id deadbeef\naarch64 rest of line', 'pid 123456 on a.b.c\ntook 1:02.5, 900 kB, id 0\ni686 ']) {
      expect(matchOutput(expected, actual).ok, actual).toBe(true)
    }
    expect(matchOutput('pid {{pid}}', 'pid abc').ok).toBe(false)
    expect(matchOutput('{{int}} files', '12 files and more').ok).toBe(false)
  })

  it('lets {{...}} stand for any number of lines, including none', () => {
    const expected = 'start\n{{...}}\nend'
    expect(matchOutput(expected, 'start\nend').ok).toBe(true)
    expect(matchOutput(expected, 'start\n1\n2\n3\nend').ok).toBe(true)
    expect(matchOutput(expected, 'start\n1\nnot the end').ok).toBe(false)
  })

  it('treats regular-expression characters in the sheet as text', () => {
    expect(matchOutput('a.b (c) [d] $e ^f * +', 'a.b (c) [d] $e ^f * +').ok).toBe(true)
    expect(matchOutput('a.b', 'axb').ok).toBe(false)
  })

  it('shows which lines differ: kept, missing (expected) and unexpected (actual)', () => {
    const { ok, diff } = matchOutput('Linux\n6.1.0-18-amd64\nx86_64', 'Linux\n6.18.44\nx86_64')
    expect(ok).toBe(false)
    expect(diff).toEqual([
      { kind: 'same', text: 'Linux' },
      { kind: 'actual', text: '6.18.44' },
      { kind: 'expected', text: '6.1.0-18-amd64' },
      { kind: 'same', text: 'x86_64' },
    ])
  })

  it('shows learners the examples, never the placeholders', () => {
    expect(exampleText('pid {{pid:9367}}\n{{...}}\nid {{hex}}')).toBe('pid 9367\n…\nid <hex>')
  })

  it('reports unknown placeholders and a misplaced {{...}} with line and column', () => {
    expect(checkPlaceholders('ok {{pid:1}}\nbad {{pdi:1}}')).toMatchObject([{ line: 1, column: 4, message: 'Unknown placeholder {{pdi}}.' }])
    expect(checkPlaceholders('x {{...}}')[0]?.message).toContain('alone on its line')
  })
})

const EXERCISE = `---
id: demo
title: Demo
duration: 5
---

## Goal

Demo.

## Steps

### 1. First

\`\`\`sh run
echo one
\`\`\`

\`\`\`text expect
one
\`\`\`

### 2. Docker

\`\`\`sh run needs=docker terminal=B
docker ps
\`\`\`

## Clean up

\`\`\`sh cleanup exit=any
rm -f x
\`\`\`
`

describe('terminal output', () => {
  const ESC = String.fromCharCode(0x1b)

  it("drops the prompts and turns the terminal's line ends into \\n", () => {
    expect(screenText('>>one\r\n>>two\r\n>>', '>>')).toBe('one\ntwo\n')
    expect(screenText('qemu line\r\r\n', '>>')).toBe('qemu line\n')
  })

  it('drops colours and other escape sequences, as the screen does not show them', () => {
    const raw = `${ESC}[1;31mred${ESC}[0m ${ESC}]0;a title\u0007plain ${ESC}(Bdone${ESC}[?2004l\r\n`
    expect(screenText(raw, '>>')).toBe('red plain done\n')
  })

  it('lets a carriage return inside a line overwrite it from the left', () => {
    expect(screenText('loading 50%\rloading 100%\r\n', '>>')).toBe('loading 100%\n')
    expect(screenText('abcdef\rXY\n', '>>')).toBe('XYcdef\n')
  })
})

describe('lab script', () => {
  it('groups runnable blocks by step, with file lines, expectations and clean-up', () => {
    const problems = new Problems()
    const exercise = parseExercise({ path: 'exercises/demo.md', text: EXERCISE }, problems)
    const lab = exercise?.lab
    expect(lab?.steps.map((s) => [s.title, s.line, s.needs])).toEqual([
      ['1. First', 13, []],
      ['2. Docker', 23, ['docker']],
    ])
    expect(lab?.steps[0]?.blocks[0]).toMatchObject({ code: 'echo one\n', line: 15, expect: { text: 'one\n', line: 19 } })
    expect(lab?.cleanup).toMatchObject([{ code: 'rm -f x\n', exit: 'any', line: 31 }])
    expect(lab?.hash).toMatch(/^[0-9a-f]{16}$/)
  })

  it('changes its hash when a command changes, not when prose moves', () => {
    const hash = (text: string) => extractLabScript(text, 1, 'x.md', new Problems())?.hash
    const base = '### 1. A\n\n```sh run\necho a\n```\n'
    expect(hash(`Intro.\n\n${base}`)).toBe(hash(base))
    expect(hash(base.replace('echo a', 'echo b'))).not.toBe(hash(base))
  })

  it('reports marker mistakes at file:line:column', () => {
    const problems = new Problems()
    extractLabScript('### 1. A\n\n```sh run exits=1\necho\n```\n\n```text expect\n{{nope}}\n```\n\n```text expect\nx\n```\n', 5, 'ex.md', problems)
    expect(problems.list.map((p) => [p.code, p.location?.line, p.location?.column])).toEqual([
      ['KIT_LAB_MARKER', 7, 11],
      ['KIT_LAB_PLACEHOLDER', 12, 1],
      ['KIT_LAB_EXPECT', 15, 4],
    ])
  })

  it('warns at a plain block that looks like the output of a run block without expect, not after silent or expect', () => {
    const problems = new Problems()
    const text = [
      '### 1. Forgot the marker',
      '',
      '```sh run',
      'uname -m',
      '```',
      '',
      '```text',
      'x86_64',
      '```',
      '',
      '### 2. Marked',
      '',
      '```sh run silent',
      'mkdir -p /tmp/x',
      '```',
      '',
      '```text',
      'a note that is not output',
      '```',
      '',
      '### 3. A shell script after a run block is not output',
      '',
      '```sh run',
      'true',
      '```',
      '',
      '```sh',
      'echo later',
      '```',
    ].join('\n')
    extractLabScript(text, 10, 'ex.md', problems)
    expect(problems.list.map((p) => [p.code, p.severity, p.location?.line])).toEqual([['KIT_LAB_UNMARKED_OUTPUT', 'warning', 16]])
  })

  it('plans skips from needs: no Docker daemon, root, a missing program, --runtime', () => {
    const exercise = parseExercise({ path: 'exercises/demo.md', text: EXERCISE }, new Problems())
    if (!exercise) throw new Error('fixture did not parse')
    const host: HostFacts = { platform: 'linux', root: false, dockerMissing: 'noDockerDaemon', kvm: false, swap: false, userns: true, kernel: '6.1', os: 'Debian', arch: 'x86_64', user: 'me' }
    const [plan] = planLabs([exercise], host)
    expect(plan?.steps.map((s) => s.skip?.text)).toEqual([undefined, 'no Docker daemon'])
    const [linuxOnly] = planLabs([exercise], { ...host, docker: '29.0.1' }, 'linux')
    expect(linuxOnly?.steps.map((s) => s.skip?.text)).toEqual([undefined, 'needs Docker (--runtime linux)'])
    const [mac] = planLabs([exercise], { ...host, platform: 'darwin' })
    expect(mac?.steps[0]?.skip).toEqual({ code: 'needsLinux', values: { platform: 'darwin' }, text: 'needs Linux (this is darwin)' })
  })
})

describe('rendered sheets', () => {
  it('never show lab markers, placeholders or hidden blocks', () => {
    const markdown = '```sh run terminal=B timeout=5\necho $$\n```\n\n```text expect\n{{pid:9367}}\n{{...}}\n```\n\n```sh cleanup hidden\nSECRET-CLEANUP\n```\n'
    for (const audience of ['learner', 'instructor'] as const) {
      const html = renderMarkdown(markdown, audience)
      expect(html).toContain('<code class="language-sh">echo $$')
      expect(html).toContain('9367\n…')
      for (const marker of ['run', 'terminal', 'timeout', 'expect', '{{', 'cleanup', 'SECRET-CLEANUP', 'hidden']) {
        expect(html, marker).not.toContain(marker)
      }
    }
  })
})

describe('verification status', () => {
  const exercise = parseExercise({ path: 'exercises/demo.md', text: EXERCISE }, new Problems())
  if (!exercise?.lab) throw new Error('fixture did not parse')
  const lab = exercise.lab
  const run = (hash: string, statuses: ('pass' | 'unchecked' | 'fail' | 'skipped')[]) => ({
    version: 1 as const,
    exercises: {
      demo: {
        title: 'Demo',
        hash,
        verifiedAt: '2026-11-26T10:00:00.000Z',
        host: 'Linux 6.18',
        runtime: 'Linux namespaces',
        steps: statuses.map((status, i) => ({ title: `${i + 1}. Step`, line: 1, status, reason: status === 'skipped' ? 'no Docker daemon' : undefined })),
      },
    },
  })

  it('says never verified, verified, failed or changed since', () => {
    // The box shows label then summary: the summary does not say the label again.
    expect(labStatusView(exercise, undefined, enGB)).toMatchObject({ state: 'never', label: 'Never verified', summary: expect.stringMatching(/^kit labs has not run its \d+ runnable steps? yet\.$/) })
    expect(labStatusView(exercise, run(lab.hash, ['pass', 'skipped']), enGB)).toMatchObject({
      state: 'verified',
      label: 'Verified 26 Nov 2026',
      summary: 'kit labs: 1 of 2 steps passed, 1 skipped.',
      notPassed: [{ title: '2. Step', status: 'skipped', reason: 'no Docker daemon' }],
    })
    expect(labStatusView(exercise, run(lab.hash, ['fail', 'skipped']), enGB).state).toBe('failed')
    expect(labStatusView(exercise, run('0000', ['pass', 'pass']), enGB)).toMatchObject({ state: 'changed', label: 'Changed since 26 Nov 2026' })
    expect(labStatusView({ ...exercise, lab: undefined }, undefined, enGB).state).toBe('unmarked')
  })

  it('words where it ran and why a step did not pass in the workshop’s language, from the facts and codes kit labs records', () => {
    const host: HostFacts = {
      platform: 'linux',
      root: true,
      dockerMissing: 'noDockerDaemon',
      cgroup: 'v2',
      kvm: false,
      swap: false,
      userns: true,
      kernel: '6.18.2',
      os: 'Debian GNU/Linux 13',
      arch: 'x86_64',
      user: 'root',
      unshare: 'util-linux 2.41',
    }
    const recorded = { host: describeHost(host), runtime: 'Linux namespaces (unshare, util-linux 2.41)', machine: machineFacts(host, undefined) }
    const results = run(lab.hash, ['pass', 'skipped'])
    const demo = { ...results.exercises.demo, ...recorded }
    demo.steps[1] = { ...demo.steps[1], reason: 'no Docker daemon', why: { code: 'noDockerDaemon' } } as (typeof demo.steps)[number]
    const file = { ...results, exercises: { demo } }
    // English from the codes is what kit labs recorded as text.
    const english = labStatusView(exercise, file, enGB)
    expect(english).toMatchObject({ host: 'Linux 6.18.2 x86_64, Debian GNU/Linux 13, cgroup v2, as root; no Docker (no Docker daemon)', runtime: recorded.runtime })
    expect(english.notPassed[0]?.reason).toBe('no Docker daemon')
    const fr = labStatusView(exercise, file, createMessages('fr', kitCatalogues()))
    expect(fr.host).toBe('Linux 6.18.2 x86_64, Debian GNU/Linux 13, cgroup v2, en tant que root\u00a0; sans Docker (aucun démon Docker)')
    expect(fr.runtime).toBe('espaces de noms Linux (unshare, util-linux 2.41)')
    expect(fr.notPassed).toEqual([{ title: '2. Step', status: 'ignorée', reason: 'aucun démon Docker' }])
    const ja = labStatusView(exercise, file, createMessages('ja', kitCatalogues()))
    for (const words of ['as root', 'no Docker', 'daemon', 'Linux namespaces']) expect(JSON.stringify(ja), words).not.toContain(words)
    // A results file written before the codes keeps its English words.
    const old = labStatusView(exercise, run(lab.hash, ['pass', 'skipped']), createMessages('fr', kitCatalogues()))
    expect(old).toMatchObject({ host: 'Linux 6.18', runtime: 'Linux namespaces', notPassed: [{ reason: 'no Docker daemon' }] })
    expect(parseLabResults(JSON.stringify(run(lab.hash, ['pass'])))).toBeDefined()
  })

  it('has words in every catalogue for every reason kit labs records', () => {
    const en = kitCatalogues().get('en') ?? {}
    for (const code of LAB_REASONS) expect(en[`lab.reason.${code}`], code).toBeDefined()
    expect(
      Object.keys(en)
        .filter((k) => k.startsWith('lab.reason.'))
        .sort(),
    ).toEqual(LAB_REASONS.map((c) => `lab.reason.${c}`).sort())
  })

  it('words a failure with the sandbox limit that may explain it, in the English record and the sheet’s language', () => {
    const why = withLimit(labReason('outputDiffers', { line: 12 }), labReason('binfmtRootless', { path: '/proc/sys/fs/binfmt_misc' }))
    expect(why.text).toBe(
      'output differs from the expected output at line 12; the host has binfmt_misc mounted, but the sandbox cannot mount it in its fresh /proc without root (/proc/sys/fs/binfmt_misc is empty here): run kit labs as root',
    )
    const { reason, why: kept } = recorded(why)
    expect(reason).toBe(why.text)
    const fr = reasonWords(kept ?? { code: 'none' }, createMessages('fr', kitCatalogues()))
    expect(fr).toMatch(/^la sortie .*ligne 12\u00a0; l’hôte a binfmt_misc monté.*lancez kit labs en root$/)
  })

  it('never calls a step verified when its output was not compared', () => {
    const view = labStatusView(exercise, run(lab.hash, ['pass', 'unchecked']), enGB)
    expect(view).toMatchObject({ state: 'unchecked', label: 'Ran 26 Nov 2026, output not checked' })
    expect(view.summary).toContain('1 of 2 steps passed; 1 ran without an output check')
    expect(view.notPassed).toMatchObject([{ title: '2. Step', status: 'ran, output not checked' }])
  })
})
