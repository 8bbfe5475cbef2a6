import { checkManifests, CheckManifestsOptions } from './check/check-manifests';
import { ManifestFinding, MANIFEST_RULES } from './rules/findings';
import { checkRestricted, CheckRestrictedOptions, RestrictedViolation } from './check/check-restricted';
import { writeKustomization } from './synth/output-folder';
import { IStack, synthStacks, writeStacks, WriteStacksOptions } from './synth/synth-stacks';

// jsii carries classes, not free functions: these static classes give Python, Go and the other
// languages the library's functions under the same names. In TypeScript either form works.

/** The manifest checks (`checkManifests`, `checkRestricted`) as static methods. */
export class Checks {
  /** Every rule of `checkManifests`, in report order (names for `CheckManifestsOptions.skip`). */
  public static manifestRules(): string[] {
    return [...MANIFEST_RULES];
  }

  /** See `checkManifests`: every finding of the rules over `objects`. */
  public static checkManifests(objects: any[], options?: CheckManifestsOptions): ManifestFinding[] {
    return checkManifests(objects, options);
  }

  /** See `checkRestricted`: how `objects` fail Pod Security restricted (v1.28). */
  public static checkRestricted(objects: any[], options?: CheckRestrictedOptions): RestrictedViolation[] {
    return checkRestricted(objects, options);
  }

  private constructor() {}
}

/** The synth helpers (`synthStacks`, `writeStacks`, `writeKustomization`) as static methods. */
export class StackSynth {
  /** See `synthStacks`: each stack's YAML by stack id. */
  public static synthStacks(stacks: IStack[]): { [id: string]: string } {
    return Object.fromEntries(synthStacks(stacks));
  }

  /** See `writeStacks`: writes the stacks' manifests atomically; returns the files written. */
  public static writeStacks(stacks: IStack[], options?: WriteStacksOptions): string[] {
    return writeStacks(stacks, options);
  }

  /**
   * See `writeKustomization`: a kustomization.yaml listing the manifests of `outdir`.
   * @default outdir - `$CDK8S_OUTDIR`, else `dist`
   */
  public static writeKustomization(outdir?: string): string[] {
    return writeKustomization(outdir);
  }

  private constructor() {}
}
