/**
 * Is a source URL safe for the Worker to fetch? Pure: no DNS, no I/O.
 *
 * The fetch runs on our side, so a maintainer (or a stolen token) must not be able to point it
 * at localhost, the cloud metadata address or a private network (SSRF). We lean on the WHATWG
 * URL parser: it already turns every IPv4 spelling (`2130706433`, `0x7f.1`, `0177.0.0.1`,
 * `127.1`, full-width digits) into dotted decimal and compresses IPv6, so one range check on the
 * parsed hostname covers them all.
 *
 * Not covered, on purpose: a public name that resolves to a private address (DNS rebinding).
 * That needs a resolver; on Cloudflare the runtime itself cannot reach private networks.
 */

/** Options for {@link checkUrlSafety}. */
export interface UrlSafetyOptions {
  /**
   * Allow loopback hosts (`localhost`, 127/8, ::1). Only the local demo sets this, because it
   * serves its pages from the dev server itself. Private networks stay blocked even then.
   */
  allowLoopback?: boolean
}

/** Hostname suffixes that never name a public site. */
const PRIVATE_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa', '.lan', '.intranet']

/** IPv4 ranges that are not public unicast addresses: [base, prefix length, label]. */
const IPV4_BLOCKED: [string, number, string][] = [
  ['0.0.0.0', 8, 'a "this network" address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'a reserved address'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
]

/**
 * Returns null when the URL is safe to fetch, or a sentence saying why not.
 * `raw` is what the maintainer typed; it must be absolute.
 */
export function checkUrlSafety(raw: string, options: UrlSafetyOptions = {}): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'Enter a full URL starting with http:// or https://.'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Only http:// and https:// URLs can be fetched.'
  if (url.username || url.password) return 'Remove the user name and password from the URL.'

  // A trailing dot is the same host ("localhost." is localhost).
  const host = url.hostname.toLowerCase().replace(/\.$/, '')
  if (!host) return 'The URL has no host name.'

  const loopback = isLoopbackHost(host)
  if (loopback) return options.allowLoopback ? null : 'Loopback hosts (localhost, 127.0.0.1, ::1) cannot be fetched.'

  if (!host.includes('.') && !host.startsWith('[')) return `"${host}" is not a public host name.`
  if (PRIVATE_SUFFIXES.some((s) => host.endsWith(s))) return `"${host}" is a local or internal host name.`

  if (host.startsWith('[')) {
    const why = classifyIpv6(host.slice(1, -1))
    return why ? `The URL points to ${why}.` : null
  }
  const v4 = parseIpv4(host)
  if (v4 !== null) {
    const why = classifyIpv4(v4)
    return why ? `The URL points to ${why}.` : null
  }
  return null
}

/** True for `localhost`, `*.localhost`, 127/8 and ::1 (any spelling the URL parser accepts). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  const v4 = parseIpv4(host)
  if (v4 !== null) return v4 >>> 24 === 127
  if (host.startsWith('[')) {
    const groups = parseIpv6(host.slice(1, -1))
    if (!groups) return false
    const mapped = embeddedIpv4(groups)
    if (mapped !== null) return mapped >>> 24 === 127
    return groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1
  }
  return false
}

/** Dotted-decimal IPv4 (as the URL parser leaves it) → 32-bit number, else null. */
function parseIpv4(host: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  if (!m) return null
  const parts = m.slice(1).map(Number)
  if (parts.some((p) => p > 255)) return null
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0
}

function classifyIpv4(ip: number): string | null {
  if (ip === 0xffffffff) return 'the broadcast address'
  for (const [base, bits, label] of IPV4_BLOCKED) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0
    if ((ip & mask) >>> 0 === (parseIpv4(base)! & mask) >>> 0) return label
  }
  return null
}

/**
 * IPv6 text (no brackets) → eight 16-bit groups, else null. The URL parser has already
 * normalised it (hex groups, `::` compression, no dotted IPv4 tail, no zone id).
 */
function parseIpv6(text: string): number[] | null {
  const halves = text.toLowerCase().split('::')
  if (halves.length > 2) return null
  const read = (part: string) => (part === '' ? [] : part.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)))
  const head = read(halves[0]!)
  const rest = halves.length === 2 ? read(halves[1]!) : []
  const given = head.length + rest.length
  if (head.concat(rest).some(Number.isNaN) || given > 8) return null
  if (halves.length === 1 && given !== 8) return null
  return [...head, ...new Array<number>(8 - given).fill(0), ...rest]
}

/** The IPv4 address carried inside an IPv4-mapped, -compatible, NAT64 or 6to4 address. */
function embeddedIpv4(g: number[]): number | null {
  const join = (hi: number, lo: number) => ((hi << 16) | lo) >>> 0
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0)
  if (zero(0, 5) && g[5] === 0xffff) return join(g[6]!, g[7]!) // ::ffff:a.b.c.d
  if (zero(0, 6) && (g[6]! !== 0 || g[7]! > 1)) return join(g[6]!, g[7]!) // ::a.b.c.d (deprecated)
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) return join(g[6]!, g[7]!) // 64:ff9b::/96
  if (g[0] === 0x2002) return join(g[1]!, g[2]!) // 6to4
  return null
}

function classifyIpv6(text: string): string | null {
  const g = parseIpv6(text)
  if (!g) return 'an address that cannot be checked'
  if (g.every((x) => x === 0)) return 'the unspecified address'
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'a loopback address'
  const v4 = embeddedIpv4(g)
  if (v4 !== null) return classifyIpv4(v4)
  const first = g[0]!
  if ((first & 0xfe00) === 0xfc00) return 'a private (unique local) address'
  if ((first & 0xffc0) === 0xfe80) return 'a link-local address'
  if ((first & 0xffc0) === 0xfec0) return 'a site-local address'
  if ((first & 0xff00) === 0xff00) return 'a multicast address'
  if (first === 0x2001 && g[1] === 0x0db8) return 'a documentation address'
  if (first === 0x0100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return 'a discard address'
  return null
}
