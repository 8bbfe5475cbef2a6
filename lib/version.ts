import { ValidationError } from './errors';

/** A numeric identifier: no leading zeros (SemVer 2.0.0 §2, §9). */
const NUMERIC = '0|[1-9]\\d*';
/** A pre-release identifier: numeric without leading zeros, or alphanumeric with at least one non-digit (§9). */
const PRE = `(?:${NUMERIC}|\\d*[A-Za-z-][0-9A-Za-z-]*)`;
/**
 * The grammar of semver.org 2.0.0 (its BNF, as a regular expression), with an optional leading `v`:
 * every identifier of the pre-release (`-…`) and build (`+…`) is non-empty, so `v1.16.8-rc.` and
 * `1.2.3-rc..1` are not versions, and `1.2.3-01` is not either (a numeric identifier with a leading zero).
 */
const SEMVER = new RegExp(`^v?(${NUMERIC})\\.(${NUMERIC})\\.(${NUMERIC})(-${PRE}(?:\\.${PRE})*)?(\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`);

/** A parsed `vMAJOR.MINOR.PATCH` version (a leading `v` and a pre-release suffix are accepted). */
export class Version {
  /** Parses `version`, naming `path` and `prop` in the error when it is not semver. */
  public static parse(path: string, prop: string, version: string): Version {
    const match = typeof version === 'string' ? SEMVER.exec(version) : null;
    if (!match) {
      throw new ValidationError(path, prop, version, 'not a semantic version', 'MAJOR.MINOR.PATCH with an optional leading "v", e.g. "v1.8.3"');
    }
    return new Version(Number(match[1]), Number(match[2]), Number(match[3]), match[4] ?? '');
  }

  private constructor(
    public readonly major: number,
    public readonly minor: number,
    public readonly patch: number,
    public readonly prerelease: string,
  ) {}

  /** `-1`, `0` or `1` as this version is below, equal to or above `other` (pre-releases sort before their release). */
  public compare(other: string | Version): number {
    const o = typeof other === 'string' ? parsedOther(other) : other;
    if (this.major !== o.major) return this.major < o.major ? -1 : 1;
    if (this.minor !== o.minor) return this.minor < o.minor ? -1 : 1;
    if (this.patch !== o.patch) return this.patch < o.patch ? -1 : 1;
    if (this.prerelease === o.prerelease) return 0;
    if (this.prerelease === '') return 1;
    if (o.prerelease === '') return -1;
    return comparePrerelease(this.prerelease.slice(1).split('.'), o.prerelease.slice(1).split('.'));
  }

  /** Whether this version is `other` or newer. */
  public atLeast(other: string): boolean {
    return this.compare(other) >= 0;
  }

  /** Whether this version is older than `other`. */
  public below(other: string): boolean {
    return this.compare(other) < 0;
  }

  /** The tag form, always with a leading `v`. */
  public get tag(): string {
    return `v${this.major}.${this.minor}.${this.patch}${this.prerelease}`;
  }

  /** The tag form. */
  public toString(): string {
    return this.tag;
  }
}

/**
 * `other` of `compare`, parsed once: the constructs compare against the same few literal versions
 * (feature gates) in every plan. A Version is immutable, so one parse serves every call.
 */
function parsedOther(other: string): Version {
  let parsed = COMPARED.get(other);
  if (parsed === undefined) {
    parsed = Version.parse('Version.compare', 'other', other);
    if (COMPARED.size >= 1000) COMPARED.clear();
    COMPARED.set(other, parsed);
  }
  return parsed;
}

/** Versions `compare` has parsed. */
const COMPARED = new Map<string, Version>();

/** The longest image tag (OCI distribution spec). */
const IMAGE_TAG_MAX = 128;

/** The upstream release line a construct models. */
export interface SupportedLine {
  /** The oldest release the construct supports. */
  readonly minimum: string;
  /** Why older releases are refused. */
  readonly why: string;
  /** The newest major version the construct models (a later major is another product). */
  readonly newestMajor: number;
  /** The upstream line, for messages, e.g. `Flyte 1 (flyteorg/flyte master, v1.16.x)`. */
  readonly line: string;
  /** Why a later major is refused. */
  readonly laterMajor: string;
}

/**
 * Parses `version` and refuses one outside the line the construct models: below the minimum, or of
 * a later major version (checked on the major number, so a `v2.0.0-rc1` is refused too).
 */
export function supportedVersion(path: string, prop: string, version: string, supported: SupportedLine): Version {
  const parsed = Version.parse(path, prop, version);
  // The tag is the image's (`<image>:v<version>`), and a registry takes tags of at most 128 characters
  // (OCI distribution spec: [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}).
  if (parsed.tag.length > IMAGE_TAG_MAX) {
    throw new ValidationError(path, prop, version, `its image tag ${parsed.tag.slice(0, 20)}… would be ${parsed.tag.length} characters, and an image tag has at most ${IMAGE_TAG_MAX}`,
      `a version whose tag (a "v", the version and its pre-release) has at most ${IMAGE_TAG_MAX} characters`);
  }
  if (parsed.major > supported.newestMajor) {
    throw new ValidationError(path, prop, version, `${supported.laterMajor}; this construct models ${supported.line}`,
      `a version of the ${supported.newestMajor}.x line, >= ${supported.minimum}`);
  }
  if (parsed.below(supported.minimum)) {
    throw new ValidationError(path, prop, version, `older than ${supported.minimum}: ${supported.why}`, `a version >= ${supported.minimum}`);
  }
  return parsed;
}

/**
 * A Kubernetes version as clusters report it: `1.29`, `v1.29.3`, and the cloud forms
 * `v1.29.3-eks-adc7111` or `v1.30.2-gke.1587003`, whose suffix is a vendor build, not a pre-release.
 */
export function kubernetesVersion(path: string, prop: string, version: unknown): Version {
  const match = typeof version === 'string' ? /^v?(\d+)\.(\d+)\+?(?:\.(\d+))?(?:[-+][0-9A-Za-z.+-]*)?$/.exec(version) : null;
  if (!match) {
    throw new ValidationError(path, prop, version, 'not a Kubernetes version', 'e.g. "1.29", "v1.30.2" or "v1.29.3-eks-adc7111"');
  }
  return Version.parse(path, prop, `${Number(match[1])}.${Number(match[2])}.${Number(match[3] ?? 0)}`);
}

/** SemVer §11: numeric identifiers compare as numbers and sort before alphanumeric ones; a longer list wins a tie. */
function comparePrerelease(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === undefined) return -1;
    if (b[i] === undefined) return 1;
    const an = /^\d+$/.test(a[i]);
    const bn = /^\d+$/.test(b[i]);
    if (an && bn && Number(a[i]) !== Number(b[i])) return Number(a[i]) < Number(b[i]) ? -1 : 1;
    if (an !== bn) return an ? -1 : 1;
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}
