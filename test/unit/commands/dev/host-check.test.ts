import { describe, expect, it } from 'vitest'
import { isAllowedHost } from '../../../../src/commands/dev/host-check.ts'

describe("kit dev's Host check", () => {
  it('accepts the loopback names with the bound port, in any case', () => {
    for (const host of ['127.0.0.1:5173', 'localhost:5173', 'LOCALHOST:5173', '[::1]:5173']) expect(isAllowedHost(host, 5173), host).toBe(true)
  })

  it('refuses other names, other ports, a missing port and a missing header', () => {
    const refused = ['evil.example:5173', '127.0.0.1:5174', 'localhost', '127.0.0.1', 'localhost.evil.example:5173', '127.0.0.1.nip.io:5173', '0.0.0.0:5173', '[::1]', '', undefined]
    for (const host of refused) expect(isAllowedHost(host, 5173), String(host)).toBe(false)
  })

  it('accepts a name without a port only on port 80, where browsers leave it out', () => {
    expect(isAllowedHost('localhost', 80)).toBe(true)
    expect(isAllowedHost('evil.example', 80)).toBe(false)
  })

  it('refuses everything before the server has bound a port', () => {
    expect(isAllowedHost('localhost:0', 0)).toBe(false)
  })
})
