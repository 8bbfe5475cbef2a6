/**
 * The URL scheme a server speaks. The values are the URL schemes themselves, so a Scheme can be
 * written into a URL (`${scheme}://...`) and other jsii languages pass the same strings.
 */
export enum Scheme {
  /** Plain HTTP. */
  HTTP = 'http',
  /** HTTP over TLS. */
  HTTPS = 'https',
}
