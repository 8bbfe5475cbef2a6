// One `check` in this process, for bench/check-input.ts: prints its exit code, seconds, peak RSS
// and last line as JSON. Arguments: the checkout whose command runs, and the file.
import * as path from 'path';

const [root, file] = process.argv.slice(2);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the checkout is chosen at run time
const { main } = require(path.join(root, 'lib/cli/main.ts'));
const started = process.hrtime.bigint();
let last = '';
const code = main(['check', file], { out: (l: string) => { last = l; }, err: (l: string) => { last = l; } });
console.log(JSON.stringify({ code, seconds: Number(process.hrtime.bigint() - started) / 1e9, maxRssMb: process.resourceUsage().maxRSS / 1024, last }));
