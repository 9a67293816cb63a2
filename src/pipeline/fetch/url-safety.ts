/**
 * Is a source URL safe for the Worker to fetch? Pure: no DNS, no I/O.
 *
 * The fetch runs on our side, so a maintainer (or a stolen token) must not be able to point it
 * at localhost, the cloud metadata address or a private network (SSRF). We lean on the WHATWG
 * URL parser: it already turns every IPv4 spelling (`2130706433`, `0x7f.1`, `0177.0.0.1`,
 * `127.1`, full-width digits) into dotted decimal and compresses IPv6, so one range check on the
 * parsed hostname covers them all. The ranges are ipaddr.js's (IANA special-purpose registries):
 * only `unicast` addresses pass, so loopback, private, link-local, CGNAT, multicast, reserved,
 * documentation, IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96, 64:ff9b:1::/48), 6to4 and
 * Teredo addresses are all refused.
 *
 * Not covered, on purpose: a public name that resolves to a private address (DNS rebinding).
 * That needs a resolver; on Cloudflare the runtime itself cannot reach private networks.
 */

import ipaddr from 'ipaddr.js'

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

/** What a non-public range is called in a refusal, by ipaddr.js's range name. */
const RANGE_LABELS: Record<string, string> = {
  unspecified: 'an unspecified ("this network") address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private address',
  reserved: 'a reserved or documentation address',
  benchmarking: 'a benchmarking address',
  uniqueLocal: 'a private (unique local) address',
  ipv4Mapped: 'an IPv4-mapped address (::ffff:0:0/96)',
  rfc6145: 'an IPv4-translated address',
  rfc6052: 'a NAT64 address (64:ff9b::/96 or 64:ff9b:1::/48)',
  '6to4': 'a 6to4 address',
  teredo: 'a Teredo address',
  deprecatedSiteLocal: 'a site-local address',
  discard: 'a discard address',
}

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

  if (isLoopbackHost(host)) return options.allowLoopback ? null : 'Loopback hosts (localhost, 127.0.0.1, ::1) cannot be fetched.'

  const ip = parseIp(host)
  if (ip) {
    const range = classifyIp(ip)
    return range === 'unicast' ? null : `The URL points to ${RANGE_LABELS[range] ?? `a non-public address (${range})`}.`
  }
  if (!host.includes('.')) return `"${host}" is not a public host name.`
  if (PRIVATE_SUFFIXES.some((s) => host.endsWith(s))) return `"${host}" is a local or internal host name.`
  return null
}

/** True for `localhost`, `*.localhost`, 127/8 and ::1 (any spelling the URL parser accepts, IPv4-mapped too). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  const ip = parseIp(host)
  if (!ip) return false
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6
    const inner = embeddedIpv4(v6)
    return inner ? inner.range() === 'loopback' : v6.range() === 'loopback'
  }
  return ip.range() === 'loopback'
}

/**
 * A hostname as the URL parser leaves it (dotted-decimal IPv4, bracketed IPv6) → an address,
 * else null for a name. The parser has already turned `2130706433`, `0x7f.1` and `0177.0.0.1`
 * into `127.0.0.1`, so only four-part decimal is read as IPv4.
 */
function parseIp(host: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (host.startsWith('[') && host.endsWith(']')) {
    const text = host.slice(1, -1)
    return ipaddr.IPv6.isValid(text) ? ipaddr.IPv6.parse(text) : null
  }
  return ipaddr.IPv4.isValidFourPartDecimal(host) ? ipaddr.IPv4.parse(host) : null
}

/** The address's range name: `unicast` for a public address, anything else is refused. */
function classifyIp(ip: ipaddr.IPv4 | ipaddr.IPv6): string {
  if (ip.kind() === 'ipv4') return ip.range()
  const v6 = ip as ipaddr.IPv6
  // Name the IPv4 address inside when it is itself not public ("a private address").
  const inner = embeddedIpv4(v6)?.range()
  if (inner && inner !== 'unicast') return inner
  const range = v6.range()
  // ::a.b.c.d (IPv4-compatible, deprecated) is "unicast" to ipaddr.js; it carries an IPv4 address.
  if (range === 'unicast' && v6.parts.slice(0, 6).every((p) => p === 0)) return 'reserved'
  return range
}

/** The IPv4 address inside an IPv4-mapped, -translated, -compatible or NAT64 address. */
function embeddedIpv4(v6: ipaddr.IPv6): ipaddr.IPv4 | null {
  const range = v6.range()
  const p = v6.parts
  const zeros = p.slice(0, 6).every((x) => x === 0)
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052' || (zeros && range === 'unicast')) {
    return new ipaddr.IPv4([p[6]! >> 8, p[6]! & 0xff, p[7]! >> 8, p[7]! & 0xff])
  }
  return null
}
