/**
 * Which of cdk8s's synth entry points is running the current validation. cdk8s gives a validation
 * no other way to know, so it is read from V8's structured call sites (function and file names),
 * which cdk8s's compiled `lib/app.js` keeps in every install, jsii's included. A bundler that
 * renamed that file would hide the entry point: the pass then runs once more per chart (the
 * same checks again), and `App.synth()` is taken for a synth that writes no files.
 */

/** The synth entry point of cdk8s on the call stack. */
export interface Cdk8sCall {
  /** `App.synth()` runs (it writes every chart into its output folder). */
  readonly appSynth: boolean;
  /**
   * The validation is the one cdk8s runs again for each chart (`App._synthChart`) inside
   * `App.synth()` or `App.synthYaml()`, after validating the whole App at their start: the same
   * synth of the same tree, with no caller's code in between.
   */
  readonly repeatWithinAppSynth: boolean;
}

const APP_JS = /[\\/]cdk8s[\\/]lib[\\/]app\.js$/;

export function cdk8sCall(): Cdk8sCall {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  let frames: NodeJS.CallSite[];
  try {
    Error.stackTraceLimit = 30;
    Error.prepareStackTrace = (_error, sites) => sites;
    frames = new Error().stack as unknown as NodeJS.CallSite[];
  } finally {
    Error.stackTraceLimit = limit;
    Error.prepareStackTrace = prepare;
  }
  // Innermost first: the per-chart validation sits inside `_synthChart`, which sits inside the App's entry point.
  const app = frames.map((f) => (APP_JS.test(f.getFileName() ?? '') ? f.getFunctionName() : undefined));
  const chart = app.indexOf('_synthChart');
  const entry = (from: number) => app.slice(from).some((name) => name === 'synth' || name === 'synthYaml');
  return { appSynth: app.includes('synth'), repeatWithinAppSynth: chart >= 0 && entry(chart + 1) };
}
