#!/usr/bin/env node
// `npm run synth:helm`: the example app packaged as a Helm chart in helm/<package name>/ (not
// committed). The cdk8s CLI names the chart after the current folder, so Chart.yaml is rewritten
// to carry the package's name, version and description. No CRDs of other projects are shipped:
// cdk8s.yaml lists no imports, so the CLI copies none into crds/ (a check below keeps it so).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const out = path.resolve(process.env.HELM_OUTDIR || path.join(root, 'helm', pkg.name));
const cli = path.join(root, 'node_modules', '.bin', 'cdk8s');

const result = spawnSync(cli, ['synth', '--no-check-upgrade', '--format', 'helm', '--chart-version', pkg.version, '--chart-api-version', 'v2', '--output', out],
  // The app sees that the CLI gives it a chart's templates/ folder: it writes the cluster's
  // manifests only (no kustomization, alternatives or previews).
  { cwd: root, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);

fs.writeFileSync(path.join(out, 'Chart.yaml'), [
  'apiVersion: v2',
  `name: ${pkg.name}`,
  `version: ${pkg.version}`,
  `appVersion: "${pkg.version}"`,
  `description: ${JSON.stringify(pkg.description)}`,
  'type: application',
  '',
].join('\n'));
const crds = path.join(out, 'crds');
if (fs.existsSync(crds) && fs.readdirSync(crds).length > 0) {
  console.error(`helm chart would ship CRDs of other projects: ${fs.readdirSync(crds).join(', ')}`);
  process.exit(1);
}
console.log(`helm chart: ${path.relative(root, out)}`);
