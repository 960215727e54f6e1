/**
 * A stored address as a link target, or null when it is not an http(s) address. Addresses come
 * from posts and profiles people wrote: a `javascript:` or `data:` one must never become a
 * link, on a page or in an e-mail.
 */
export function webAddress(url: string | null | undefined): string | null {
  if (!url || !URL.canParse(url)) return null
  const parsed = new URL(url)
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null
}
