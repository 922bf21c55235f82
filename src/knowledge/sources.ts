import type { SourcesFile } from './schema.js';

/** Why a cited URL may not stand; `kb check` reports one line per cited URL that fails. */
export type SourceVerdict =
  | { ok: true; domain: string }
  | { ok: false; code: 'source_withdrawn' | 'source_rejected' | 'source_not_allowed'; message: string };

export type SourceJudge = (url: string) => SourceVerdict;

/** `host` is `domain` or one of its subdomains (www.nhs.uk and guysandstthomas.nhs.uk are under nhs.uk). */
export const underDomain = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * Compile knowledge/sources.yaml into a judge of cited URLs. Pure. In order: a withdrawn review is
 * never cited, wherever it is hosted; a rejected host (or rejected pages of a host) loses even when
 * it sits under an allowed domain (pathways.nice.org.uk under nice.org.uk); anything else must be
 * on an allowed domain.
 */
export function sourceJudge(rules: SourcesFile): SourceJudge {
  const withdrawn = rules.withdrawn.map((w) => ({
    ...w,
    // The DOI followed by anything but a letter or digit: CD004750 and CD004750.pub2, not CD0047501.
    doiRe: new RegExp(`${escapeRegExp(w.doi.toLowerCase())}(?![0-9a-z])`),
  }));
  const rejected = rules.rejected.map((r) => ({ ...r, pathRe: r.path ? new RegExp(r.path, 'i') : null }));

  return (url: string): SourceVerdict => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { ok: false, code: 'source_not_allowed', message: `${url}: not a URL a reader can open` };
    }
    const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
    const decoded = safeDecode(url).toLowerCase();

    for (const w of withdrawn) {
      if (w.doiRe.test(decoded) || w.urls.some((u) => url.startsWith(u))) {
        return { ok: false, code: 'source_withdrawn', message: `${url}: withdrawn review "${w.title}" (${w.doi}): ${w.reason}` };
      }
    }
    const where = `${parsed.pathname}${parsed.search}`;
    for (const r of rejected) {
      if (!underDomain(host, r.host)) continue;
      if (r.pathRe && !r.pathRe.test(where)) continue;
      return { ok: false, code: 'source_rejected', message: `${url}: ${r.path ? `rejected page on ${r.host}` : `rejected host ${r.host}`}: ${r.reason}` };
    }
    const allowed = rules.allowed.find((a) => underDomain(host, a.domain));
    if (allowed) return { ok: true, domain: allowed.domain };
    return {
      ok: false,
      code: 'source_not_allowed',
      message: `${url}: ${host} is not on the allow-list in knowledge/sources.yaml; cite the publisher's own page (or, if ${host} is the publisher, add it there)`,
    };
  };
}
