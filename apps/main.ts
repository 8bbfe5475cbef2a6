import { App } from 'cdk8s';
import { TlsMode } from '../lib';
import { metricsStack } from './stacks/metrics';
import { numaflowStack } from './stacks/numaflow';

// One chart per realistic stack and TLS mode; each becomes dist/<chart id>.k8s.yaml, and all of
// them together must apply to one cluster (kubectl kustomize dist), so no two share an object.
const app = new App();
// Behind a mesh that does mTLS: plain HTTP, one team's namespace only.
numaflowStack(app, 'numaflow-plain', TlsMode.disabled(), { namespace: 'numaflow-dev', namespaced: true });
// Cluster-wide UI speaking HTTPS with its own in-memory certificate.
numaflowStack(app, 'numaflow-self-signed', TlsMode.selfSigned());
// metrics-server with its self-made certificate, scaled by AIbrix v0.4 (later AIbrix scrapes only HTTP).
metricsStack(app, 'metrics-self-signed', TlsMode.selfSigned(), { autoscaleWithAibrix: 'v0.4.1' });
app.synth();
