// The package's command (bin/cdk8s-tls-constructs.js) run from the sources: `npm run synth` is
// `cdk8s-tls-constructs synth`, the atomic synth that consumers get too.
import { main } from '../lib/cli/main';

process.exitCode = main(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) });
