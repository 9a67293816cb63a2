import { describe, expect, it } from 'vitest'
import { checkUrlSafety, isLoopbackHost } from '../../../src/pipeline/fetch/url-safety'

describe('checkUrlSafety', () => {
  it.each([
    'https://www.whats-on-netflix.com/news/x/',
    'http://example.com:8080/feed.xml',
    'https://8.8.8.8/',
    'https://[2606:4700:4700::1111]/',
    'https://172.32.0.1/', // just outside 172.16/12
    'https://100.128.0.1/', // just outside 100.64/10
    'https://[2a00:1450:4001::200e]/',
    'https://feeds.example/rss', // replay timelines use .example hosts
  ])('accepts the public URL %s', (url) => {
    expect(checkUrlSafety(url)).toBeNull()
  })

  it.each([
    ['ftp://example.com/x', /http/],
    ['javascript:alert(1)', /http/],
    ['file:///etc/passwd', /http/],
    ['not a url', /full URL/],
    ['/relative/path', /full URL/],
    ['https://user:pass@example.com/', /user name and password/],
    ['https://user@example.com/', /user name and password/],
  ])('refuses %s', (url, why) => {
    expect(checkUrlSafety(url)).toMatch(why)
  })

  it.each([
    'http://localhost/',
    'http://LOCALHOST./',
    'http://api.localhost/',
    'http://127.0.0.1/',
    'http://127.1/',
    'http://2130706433/', // decimal
    'http://0x7f000001/', // hex
    'http://0x7f.1/',
    'http://0177.0.0.1/', // octal
    'http://017700000001/',
    'http://[::1]/',
    'http://[0:0:0:0:0:0:0:1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
  ])('refuses the loopback form %s', (url) => {
    expect(checkUrlSafety(url)).not.toBeNull()
  })

  it.each([
    'http://10.0.0.1/',
    'http://10.255.255.255/',
    'http://172.16.0.1/',
    'http://172.31.255.255/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/', // cloud metadata
    'http://0.0.0.0/',
    'http://0/',
    'http://100.64.0.1/',
    'http://224.0.0.1/',
    'http://239.255.255.250/',
    'http://240.0.0.1/',
    'http://255.255.255.255/',
    'http://3232235777/', // 192.168.1.1 as a number
    'http://0xa9fea9fe/', // 169.254.169.254 in hex
    'http://[fc00::1]/',
    'http://[fd12:3456::1]/',
    'http://[fe80::1]/',
    'http://[febf::1]/',
    'http://[::]/',
    'http://[::ffff:10.0.0.1]/',
    'http://[::ffff:192.168.0.1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://[64:ff9b::10.0.0.1]/', // NAT64 of a private address
    'http://[2002:c0a8:101::1]/', // 6to4 of 192.168.1.1
    'http://[ff02::1]/',
    'http://printer.local/',
    'http://db.internal/',
    'http://metadata.google.internal/',
    'http://intranet/',
    'http://[::ffff:8.8.8.8]/', // every IPv4-mapped address (::ffff:0:0/96), even of a public one
    'http://[::ffff:0:0]/',
    'http://[::ffff:0:7f00:1]/', // IPv4-translated 127.0.0.1
    'http://[64:ff9b:1::7f00:1]/', // local-use NAT64 (64:ff9b:1::/48)
    'http://[64:ff9b:1:ffff::1]/',
    'http://[64:ff9b::808:808]/', // NAT64 of a public address still goes through a translator
    'http://[::7f00:1]/', // IPv4-compatible 127.0.0.1 (deprecated)
    'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', // Teredo
    'http://[2001:db8::1]/', // documentation
    'http://[fec0::1]/', // site-local
    'http://[100::1]/', // discard
    'http://198.18.0.1/', // benchmarking
    'http://192.0.2.1/', // documentation
  ])('refuses the private or reserved form %s', (url) => {
    expect(checkUrlSafety(url)).not.toBeNull()
  })

  it('says which kind of address it refused', () => {
    expect(checkUrlSafety('http://[::ffff:127.0.0.1]/')).toMatch(/Loopback/)
    expect(checkUrlSafety('http://[::ffff:8.8.8.8]/')).toMatch(/IPv4-mapped/)
    expect(checkUrlSafety('http://[64:ff9b:1::808:808]/')).toMatch(/NAT64/)
    expect(checkUrlSafety('http://[64:ff9b::a00:1]/')).toMatch(/private/)
    expect(checkUrlSafety('http://10.1.2.3/')).toMatch(/private/)
    expect(checkUrlSafety('http://169.254.169.254/')).toMatch(/link-local/)
  })

  it('allows loopback only when asked (the local demo), never private networks', () => {
    const demo = { allowLoopback: true }
    expect(checkUrlSafety('http://localhost:8791/demo/page', demo)).toBeNull()
    expect(checkUrlSafety('http://127.0.0.1:8787/', demo)).toBeNull()
    expect(checkUrlSafety('http://[::1]:8787/', demo)).toBeNull()
    expect(checkUrlSafety('http://10.0.0.1/', demo)).not.toBeNull()
    expect(checkUrlSafety('http://169.254.169.254/', demo)).not.toBeNull()
    expect(checkUrlSafety('http://user:pw@localhost/', demo)).not.toBeNull()
  })
})

describe('isLoopbackHost', () => {
  it('knows loopback hosts in any spelling the URL parser leaves', () => {
    expect(isLoopbackHost('localhost')).toBe(true)
    expect(isLoopbackHost('a.b.localhost')).toBe(true)
    expect(isLoopbackHost('127.9.9.9')).toBe(true)
    expect(isLoopbackHost('[::1]')).toBe(true)
    expect(isLoopbackHost('[::ffff:7f00:1]')).toBe(true)
    expect(isLoopbackHost('example.com')).toBe(false)
    expect(isLoopbackHost('128.0.0.1')).toBe(false)
  })
})
