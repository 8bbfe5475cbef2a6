import { ValidationError } from './errors';

/** A parsed `vMAJOR.MINOR.PATCH` version (a leading `v` and a pre-release suffix are accepted). */
export class Version {
  /** Parses `version`, naming `path` and `prop` in the error when it is not semver. */
  public static parse(path: string, prop: string, version: string): Version {
    const match = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(String(version));
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
    const o = typeof other === 'string' ? Version.parse('Version.compare', 'other', other) : other;
    for (const [a, b] of [[this.major, o.major], [this.minor, o.minor], [this.patch, o.patch]]) {
      if (a !== b) return a < b ? -1 : 1;
    }
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

/** Parses `version` and refuses one below `minimum` (the oldest upstream release the construct supports). */
export function supportedVersion(path: string, prop: string, version: string, minimum: string, why: string): Version {
  const parsed = Version.parse(path, prop, version);
  if (parsed.below(minimum)) {
    throw new ValidationError(path, prop, version, `older than ${minimum}: ${why}`, `a version >= ${minimum}`);
  }
  return parsed;
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
