import { CommandOutput, runCheck, USAGE } from './check-command';
import { runAtomicSynth, SYNTH_USAGE } from './atomic-synth';
import { GENERATE_USAGE, runGenerate } from './generate';
import { INIT_USAGE, runInit } from './init';

/** `cdk8s-tls-constructs <command> ...`: returns the exit code. (`run` is bin/run-ts.js, dispatched by the bin.) */
export function main(argv: readonly string[], output: CommandOutput): number {
  const [command, ...args] = argv;
  if (command === 'check') return runCheck(args, output);
  if (command === 'synth') return runAtomicSynth(args, output);
  if (command === 'init') return runInit(args, output);
  if (command === 'generate') return runGenerate(args, output);
  output.err(`${command ? `unknown command ${command}\n\n` : ''}${INIT_USAGE}\n\n${SYNTH_USAGE}\n\n${USAGE}\n\n${GENERATE_USAGE}\n\n${RUN_USAGE}`);
  return 2;
}

const RUN_USAGE = `usage: cdk8s-tls-constructs run <file.ts> [args...]

Runs a TypeScript cdk8s app (the app command of cdk8s.yaml): SWC compiles each file on require
(transpile only; the project's @swc/core), with no TypeScript API, so TypeScript 7 does not break it.
A refusal of this library that escapes the app prints as its message alone, with exit code 1.`;
