#!/usr/bin/env bash
# The consumer recipe, as a new user meets it: `cdk8s-tls-constructs init` from the packed tarball in
# an empty folder, `npm install`, plain `cdk8s synth`, `npm test`; then, on a commit of the project,
# its CI script (`npm run verify`: synth, check, the tests with --ci, the drift check), the GitOps
# command (`generate`), and a refused app's terminal output. With a Node bin folder (.ci/node.sh), on
# that Node; with `typescript7`, again after the user installs TypeScript 7.
# usage: .ci/consumer.sh <tarball> [<node bin folder>|-] [typescript7]
set -euo pipefail
tarball=$(realpath "$1")
if [ -n "${2:-}" ] && [ "$2" != - ]; then export PATH="$2:$PATH"; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
started=$SECONDS
echo "== consumer recipe on node $(node --version), npm $(npm --version)"
cp "$tarball" "$work/"
cd "$work"
npx --yes --package "./$(basename "$tarball")" cdk8s-tls-constructs init my-platform
cd my-platform
npm install --no-audit --no-fund --prefer-offline
npx cdk8s synth --no-check-upgrade
test -f dist/platform.k8s.yaml && test -f dist/kustomization.yaml
npm test -- --ci=false   # writes the snapshot (under CI=true jest would refuse to)
git init -q && git add -A && git -c user.name=ci -c user.email=ci@example.invalid commit -qm "the scaffold, synthesized"

echo "== the project's CI script: npm run verify"
npm run verify

echo "== generate (the Argo CD plugin's command): exactly dist/'s manifests on stdout"
node_modules/.bin/cdk8s-tls-constructs generate >"$work/generated.yaml" 2>"$work/generate.err"
cmp "$work/generated.yaml" dist/platform.k8s.yaml

echo "== a refused app: the refusal once, then only the cdk8s CLI's error"
sed -i "s/TlsMode.selfSigned() }/TlsMode.fromSecretName('numaflow-tls') }/" main.ts
if npx cdk8s synth --no-check-upgrade >"$work/out.txt" 2>"$work/err.txt"; then echo "the refused app synthesized"; exit 1; fi
head -n 1 "$work/err.txt" | grep -q '^ValidationError: platform/numaflow: tls TlsMode.fromSecretName("numaflow-tls") is not allowed: ' \
  && sed -n 2p "$work/err.txt" | grep -q '^Error: command .* returned a non-zero exit code 1$' \
  && ! tail -n +3 "$work/err.txt" | grep -qv '^    at ' \
  || { echo "unexpected terminal output of a refused app:"; cat "$work/err.txt"; exit 1; }
git checkout -q main.ts

if [ "${3:-}" = typescript7 ]; then
  echo "== after npm install -D typescript@7: the runner, jest and tsc still work (no TypeScript API)"
  npm install --no-audit --no-fund --prefer-offline -D typescript@7 >/dev/null
  npx tsc --version
  npx cdk8s synth --no-check-upgrade >/dev/null
  npm test -- --ci
fi
echo "== consumer recipe passed on node $(node --version) in $((SECONDS - started)) s"
