import { CommandOutput, runCheck, USAGE } from './check-command';
import { runAtomicSynth, SYNTH_USAGE } from './atomic-synth';

/** `cdk8s-tls-constructs <command> ...`: returns the exit code. */
export function main(argv: readonly string[], output: CommandOutput): number {
  const [command, ...args] = argv;
  if (command === 'check') return runCheck(args, output);
  if (command === 'synth') return runAtomicSynth(args, output);
  output.err(`${command ? `unknown command ${command}\n\n` : ''}${USAGE}\n\n${SYNTH_USAGE}`);
  return 2;
}
