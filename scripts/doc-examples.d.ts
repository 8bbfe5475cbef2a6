// Types of scripts/doc-examples.js, for the tests that read the documentation's examples.
export interface DocExample {
  /** The marker's name: `<!-- example:<name> -->`. */
  readonly name: string;
  /** The file, relative to the repository: `README.md` or `docs/<page>.md`. */
  readonly file: string;
  /** The 1-based line of the opening fence. */
  readonly line: number;
  /** The fence's info string (`ts fixture=fragment`). */
  readonly info: string;
  /** The block's text, with its final line break. */
  readonly code: string;
}
export function markdownFiles(root: string): string[];
export function docExamples(root: string): DocExample[];
