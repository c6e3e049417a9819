import { stripVTControlCharacters } from 'node:util'
import { describe, expect, it } from 'vitest'
import { createMessages } from '../../../src/core/messages.ts'
import { kitCatalogues } from '../../../src/load/catalogues.ts'
import { preflightPlan } from '../../../src/render/preflight/checks.ts'
import { PREFLIGHT_END, PREFLIGHT_LIBRARY, PREFLIGHT_MESSAGE_KEYS } from '../../../src/render/preflight/library.ts'
import { displayWidth, globWord, renderPreflightScript, shellQuote } from '../../../src/render/preflight/script.ts'
import { fileFixes, programFixes } from '../../../src/render/preflight/packages.ts'
import { compareVerdicts, parseVerdicts } from '../../../src/commands/labs/preflight.ts'
import type { HostFacts } from '../../../src/commands/labs/host.ts'
import { preflightFailed, preflightLines } from '../../../src/commands/labs/report.ts'
import { exerciseWith } from '../../helpers/preflight.ts'

const catalogues = kitCatalogues()
const en = createMessages('en', catalogues)
const meta = { workshop: 'Workshop', edition: 'Edition' }

const namespaces = exerciseWith({ id: 'ns', title: 'Namespaces', requires: ['linux', 'root'], steps: ['cmd:ip', 'docker', 'cgroup-v2', 'cgroup-v1'], images: ['alpine'] })
const userns = exerciseWith({ id: 'userns', title: 'User namespaces', requires: ['linux', 'userns', 'a second screen'], steps: ['userns,cmd:pgrep', 'file:/boot/vmlinuz-*'] })

describe('the preflight plan', () => {
  it('makes the needs of requires: blockers, the needs only steps mark warnings, and lists requirements it cannot check', () => {
    const plan = preflightPlan([namespaces, userns])
    const severity = Object.fromEntries(plan.checks.map((c) => [c.id, c.severity]))
    expect(severity).toEqual({
      linux: 'blocker',
      root: 'blocker',
      userns: 'blocker',
      cgroup: 'warning',
      docker: 'warning',
      'cmd:ip': 'warning',
      'cmd:pgrep': 'warning',
      'file:/boot/vmlinuz-*': 'warning',
      'image:alpine': 'warning',
      'disk:home': 'warning',
      'disk:docker': 'warning',
    })
    expect(plan.unchecked).toEqual(['a second screen'])
  })

  it('checks one cgroup version of either, names the exercises that need each check, and a kernel image apart', () => {
    const plan = preflightPlan([namespaces, userns])
    const cgroup = plan.checks.find((c) => c.id === 'cgroup')
    expect(cgroup?.kind === 'cgroup' && cgroup.versions).toEqual(['v1', 'v2'])
    expect(plan.checks.find((c) => c.id === 'linux')?.usedBy).toEqual(['Namespaces', 'User namespaces'])
    expect(plan.checks.find((c) => c.id === 'userns')?.usedBy).toEqual(['User namespaces'])
    expect(plan.checks.find((c) => c.id === 'file:/boot/vmlinuz-*')?.kind).toBe('kernel')
  })

  it('a Docker-only exercise checks Docker as a blocker, Linux only as a warning (Docker Desktop runs it too)', () => {
    const docker = exerciseWith({ id: 'docker', requires: ['docker'], steps: ['cmd:gcc'] })
    const plan = preflightPlan([docker])
    expect(plan.checks.map((c) => [c.id, c.severity])).toEqual([
      ['linux', 'warning'],
      ['docker', 'blocker'],
      ['cmd:gcc', 'warning'],
      ['disk:home', 'warning'],
      ['disk:docker', 'warning'],
    ])
    expect(preflightPlan([]).checks).toEqual([])
  })
})

describe('the preflight script', () => {
  it('has a call for each check, with its severity', () => {
    const script = renderPreflightScript(preflightPlan([namespaces, userns]), en, meta)
    expect(script.startsWith('#!/bin/sh\n')).toBe(true)
    for (const call of [
      'check_linux blocker',
      'check_root blocker',
      'check_userns blocker',
      "check_cgroup warning 'v1 v2'",
      'check_docker warning',
      "check_command 'cmd:ip' warning 'ip' 'i:sudo apt install iproute2' 'i:sudo dnf install iproute' 'i:sudo pacman -S iproute2' 'i:sudo zypper install iproute2'",
      `check_kernel 'file:/boot/vmlinuz-*' warning '/boot/vmlinuz-*' "$(first_existing '/boot/vmlinuz-'*)"`,
      "check_image 'image:alpine' warning 'alpine'",
      "check_disk 'disk:home' warning home 1024",
      "used_by 'Namespaces, User namespaces'",
    ]) {
      expect(script).toContain(`\n${call}\n`)
    }
    expect(script).toContain("v_requirement='a second screen'")
    expect(script.trimEnd().endsWith('[ "$blocked" -eq 0 ]')).toBe(true)
  })

  it('quotes every value that comes from content, so none of it runs', () => {
    const hostile = exerciseWith({ id: 'hostile', title: 'It\'s $(touch /tmp/pwned) `id` "x"', requires: ["a'b $(id)"], steps: ["file:/opt/it's/$(id)*.d"] })
    const script = renderPreflightScript(preflightPlan([hostile]), en, { workshop: "W's $(id)", edition: '`id`' })
    expect(script).toContain(`used_by 'It'\\''s $(touch /tmp/pwned) \`id\` "x"'`)
    expect(script).toContain(`v_requirement='a'\\''b $(id)'`)
    expect(script).toContain(`v_workshop='W'\\''s $(id)'`)
    expect(script).toContain("v_edition='`id`'")
    expect(script).toContain(`"$(first_existing '/opt/it'\\''s/$(id)'*'.d')"`)
    // Titles never reach a format string: messages take them as %s arguments.
    expect(script).not.toMatch(/printf -- '[^']*pwned/)
  })

  it('prints the workshop’s language, placeholders filled at run time, % and \\ kept literal', () => {
    const de = renderPreflightScript(preflightPlan([userns]), createMessages('de', catalogues), meta)
    expect(de).toContain("m_userns_maxZero() { printf -- 'user.max_user_namespaces ist 0: User-Namespaces sind abgeschaltet.'; }")
    expect(de).toContain(`m_root_fixGroup() { printf -- 'Fügen Sie sich als root der Gruppe %s hinzu und melden Sie sich neu an: %s' "$v_group" "$v_command"; }`)
    const fr = renderPreflightScript(preflightPlan([userns]), createMessages('fr', catalogues), meta)
    expect(fr).toContain('Solution\u00a0: %s')
    const odd = { ...en, t: (key: string, values?: Record<string, unknown>) => (key === 'preflight.usedBy' ? `100% \\n ${values?.exercises}` : en.t(key, values as never)) }
    expect(renderPreflightScript(preflightPlan([userns]), odd, meta)).toContain(`m_usedBy() { printf -- '100%% \\\\n %s' "$v_exercises"; }`)
  })

  it('lines the checks’ titles up whatever the labels’ width, wide characters counted twice', () => {
    expect(displayWidth('失敗')).toBe(4)
    expect(displayWidth('FEHLER')).toBe(6)
    const ja = renderPreflightScript(preflightPlan([userns]), createMessages('ja', catalogues), meta)
    expect(ja).toContain("m_label_pass() { printf -- 'OK    '; }")
    expect(ja).toContain("indent='          '")
  })

  it('has every message the library prints in every catalogue', () => {
    const used = new Set([...`${PREFLIGHT_LIBRARY}${PREFLIGHT_END}`.matchAll(/\bm_(\w+)/g)].map((m) => (m[1] ?? '').replace(/_/g, '.')))
    expect([...used].filter((key) => !(PREFLIGHT_MESSAGE_KEYS as readonly string[]).includes(key))).toEqual([])
    for (const lang of ['en', 'de', 'fr', 'es', 'pt-BR', 'ja']) {
      const catalogue = catalogues.get(lang) ?? {}
      for (const key of PREFLIGHT_MESSAGE_KEYS) expect(catalogue[`preflight.${key}`], `${lang} preflight.${key}`).toBeTruthy()
    }
  })

  it('quotes a word for the shell, and keeps only the last part’s * for it to expand', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`)
    expect(globWord('/usr/bin/qemu-aarch64*')).toBe("'/usr/bin/qemu-aarch64'*")
    expect(globWord('/a*b/c*d*')).toBe("'/a*b/c'*'d'*")
    expect(globWord('/etc/x')).toBe("'/etc/x'")
    // kit labs' * matches a leading dot; the shell's needs it spelt out.
    expect(globWord('/home/*rc')).toBe("'/home/'*'rc' '/home/.'*'rc'")
  })

  it('tells each distribution how to get a program or a file, or how to find the package', () => {
    expect(programFixes('capsh')).toEqual({ deb: 'i:sudo apt install libcap2-bin', rpm: 'i:sudo dnf install libcap', arch: 'i:sudo pacman -S libcap', suse: 'i:sudo zypper install libcap-progs' })
    expect(programFixes('frobnicate')).toEqual({
      deb: 'f:apt-file search bin/frobnicate',
      rpm: "f:dnf provides '*/bin/frobnicate'",
      arch: 'f:pacman -F frobnicate',
      suse: 'f:zypper search --provides frobnicate',
    })
    expect(fileFixes('/usr/lib/x86_64-linux-gnu/libc.a').deb).toBe('i:sudo apt install libc6-dev')
  })
})

describe('kit labs against the script', () => {
  const host: HostFacts = {
    platform: 'linux',
    root: true,
    userns: false,
    usernsMissing: 'No space left on device',
    kvm: false,
    swap: false,
    cgroup: 'v2',
    dockerMissing: 'noDockerDaemon',
    kernel: '6.1',
    os: 'Debian',
    arch: 'x86_64',
    user: 'root',
  }
  // Facts kit labs reads from this machine too: a shell that every Linux has.
  const plan = preflightPlan([exerciseWith({ id: 'here', requires: ['linux', 'userns'], steps: ['cmd:sh', 'file:/bin/sh'] })])

  it('agrees where both found the same, and leaves what kit labs has no fact for uncompared', () => {
    const verdicts = parseVerdicts('linux\tpass\tblocker\nuserns\tfail\tblocker\ncmd:sh\tpass\twarning\nfile:/bin/sh\tpass\twarning\ndisk:home\tpass\twarning\nnoise\n')
    const outcome = compareVerdicts(plan.checks, verdicts, 1, host)
    expect(outcome.lines.filter((l) => !l.agrees)).toEqual([])
    expect(outcome.badExit).toBeUndefined()
    expect(outcome.lines.find((l) => l.id === 'disk:home')?.expected).toBeUndefined()
    expect(preflightFailed(outcome)).toBe(false)
  })

  it('fails the run on a verdict kit labs contradicts, a missing verdict, or an exit status that does not follow the blockers', () => {
    const verdicts = parseVerdicts('linux\tpass\tblocker\nuserns\tpass\tblocker\ncmd:sh\tpass\twarning\n')
    const outcome = compareVerdicts(plan.checks, verdicts, 1, host)
    const wrong = outcome.lines.filter((l) => !l.agrees).map((l) => l.id)
    expect(wrong).toEqual(['userns', 'file:/bin/sh', 'disk:home'])
    expect(outcome.badExit).toBe('the script exited with 1, but no blocker failed (0 expected)')
    expect(preflightFailed(outcome)).toBe(true)
    const text = stripVTControlCharacters(preflightLines(outcome, 'check-my-machine.sh').join('\n'))
    expect(text).toContain('✗ userns: the script says pass; kit labs expects fail (needs unprivileged user namespaces (refused here: No space left on device))')
    expect(text).toContain('✗ file:/bin/sh: the script printed no verdict')
  })
})
