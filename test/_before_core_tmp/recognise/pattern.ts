/** Matching the patterns of specs (`本年支出>基本支出>小计|合计`, `因公出国(境)团组数*`). */
import { lineKeyText, normalizeLabel } from '../text';

const cache = new Map<string, RegExp>();

/** One segment (`a|b*`) as a regex over normalised text. */
export function segmentRegex(segment: string): RegExp {
  let re = cache.get(segment);
  if (!re) {
    const alts = segment.split('|').map((alt) =>
      normalizeLabel(alt)
        .split('*')
        .map((part) => part.replace(/[.+?^${}()[\]\\/]/g, '\\$&'))
        .join('.*'),
    );
    re = new RegExp(`^(?:${alts.join('|')})$`);
    cache.set(segment, re);
  }
  return re;
}

export function matchSegment(segment: string, norm: string): boolean {
  return segmentRegex(segment).test(norm);
}

/**
 * Header path match: the last segment matches the last path element, earlier segments match earlier
 * elements in order. Returns the number of segments (specificity) or 0 when it does not match.
 */
export function matchPath(pattern: string, path: string[]): number {
  if (!path.length) return 0;
  const segs = pattern.split('>');
  if (!matchSegment(segs[segs.length - 1], path[path.length - 1])) return 0;
  let i = segs.length - 2;
  for (let j = path.length - 2; j >= 0 && i >= 0; j--) if (matchSegment(segs[i], path[j])) i--;
  return i < 0 ? segs.length : 0;
}

/** Row name (as printed) against name patterns. */
export function matchName(patterns: string[], name: string): boolean {
  return matchKey(patterns, lineKeyText(name));
}

/** Same, for a name already turned into its key text (`lineKeyText`). */
export function matchKey(patterns: string[], key: string): boolean {
  return !!key && patterns.some((p) => matchSegment(p, key));
}

/** A single cell text (already normalised) against plain patterns. */
export function matchAny(patterns: string[], norm: string): boolean {
  return patterns.some((p) => matchSegment(p, norm));
}
