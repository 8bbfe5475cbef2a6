/**
 * Container command lines as the binaries see them, for recognising servers and reading their
 * flags. Flags are read the way spf13/pflag parses them (the library behind cobra, which Numaflow,
 * metrics-server and Flyte Admin use): `--name=value`, `--name value`, `-p value`, `-pvalue`,
 * `-p=value`, booleans as `--name` or `--name=<bool>`, the last occurrence winning, `--` ending flags.
 */
import { list } from './json';
import { item } from './paths';
import { ContainerInfo } from './pods';

/** One word of a command line, with the field path it came from (e.g. `...containers[0].args[2]`). */
export interface Word {
  readonly value: string;
  readonly path: string;
}

/** The words of a container's command line. */
export interface CommandLine {
  /** `command` then `args`: every word, the binary included when `command` names it. */
  readonly all: readonly Word[];
  /** The words after the binary: `command[1..]` then `args`, or `args` alone when the image's entrypoint is the binary. */
  readonly argv: readonly Word[];
}

/** A word whose field path is only spelt out when a finding needs it (most words never do). */
class LineWord implements Word {
  constructor(public readonly value: string, private readonly list: string, private readonly index: number) {}

  public get path(): string {
    return item(this.list, this.index);
  }
}

function words(values: unknown, path: string): Word[] | undefined {
  const out: Word[] = [];
  const entries = list(values);
  for (let i = 0; i < entries.length; i++) {
    const value = entries[i];
    if (typeof value !== 'string') return undefined;
    out.push(new LineWord(value, path, i));
  }
  return out;
}

/** The command line of `container`, or undefined when `command` or `args` holds something other than strings. */
export function commandLine(container: ContainerInfo): CommandLine | undefined {
  const command = words(container.spec.command, `${container.path}.command`);
  const args = words(container.spec.args, `${container.path}.args`);
  if (command === undefined || args === undefined) return undefined;
  return { all: [...command, ...args], argv: [...command.slice(1), ...args] };
}

/** The flags a command accepts: booleans, flags with values, and one-letter shorthands. */
export interface FlagSet {
  readonly booleans: ReadonlySet<string>;
  readonly values: ReadonlySet<string>;
  readonly shorthands: ReadonlyMap<string, string>;
}

/** One flag as given: its value (`undefined` for a bare boolean) and the word that holds the value. */
export interface Flag {
  readonly value?: string;
  readonly word: Word;
}

/**
 * The flags of `argv`, last occurrence per name, or undefined when the command would refuse the
 * line (an unknown flag, a missing value, or `--help`, after which the command does not run).
 */
export function parseFlags(argv: readonly Word[], flags: FlagSet): Map<string, Flag> | undefined {
  const out = new Map<string, Flag>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    const text = word.value;
    if (text === '--') break;
    if (!text.startsWith('-') || text === '-') continue; // a positional argument
    let name: string;
    let inline: string | undefined;
    let rest = '';
    if (text.startsWith('--')) {
      const eq = text.indexOf('=');
      name = eq < 0 ? text.slice(2) : text.slice(2, eq);
      inline = eq < 0 ? undefined : text.slice(eq + 1);
    } else {
      // One shorthand letter; what follows it (`-p8080`, `-p=8080`) is its value.
      const long = flags.shorthands.get(text[1]);
      if (long === undefined) return undefined;
      name = long;
      rest = text.slice(2);
      inline = rest === '' ? undefined : rest.startsWith('=') ? rest.slice(1) : rest;
    }
    if (name === 'help') return undefined;
    if (flags.booleans.has(name)) {
      if (rest !== '' && !rest.startsWith('=')) return undefined; // combined boolean shorthands are not modelled
      out.set(name, inline === undefined ? { word } : { value: inline, word });
    } else if (flags.values.has(name)) {
      if (inline !== undefined) {
        out.set(name, { value: inline, word });
      } else {
        if (i + 1 >= argv.length) return undefined;
        out.set(name, { value: argv[i + 1].value, word: argv[i + 1] });
        i++;
      }
    } else {
      return undefined;
    }
  }
  return out;
}

/** The last `--<name>=value` or `--<name> value` among `argv`, for binaries whose full flag set is not modelled. */
export function lastFlag(argv: readonly Word[], name: string): Flag | undefined {
  const long = `--${name}`;
  const prefix = `${long}=`;
  let found: Flag | undefined;
  for (let i = 0; i < argv.length; i++) {
    const text = argv[i].value;
    if (text === '--') break;
    if (text.startsWith(prefix)) found = { value: text.slice(prefix.length), word: argv[i] };
    else if (text === long && i + 1 < argv.length) found = { value: argv[i + 1].value, word: argv[++i] };
  }
  return found;
}

/** Go's strconv.ParseBool, which pflag and the env helpers use: undefined when the text is not a boolean. */
export function goBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

const DECIMAL_PORT = /^\+?\d{1,5}$/;

/** A TCP port written in decimal (1 to 65535), or undefined. */
export function portNumber(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && DECIMAL_PORT.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? n : undefined;
}
