import { App, Chart, ChartProps } from 'cdk8s';
import { Secret } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Console, NumaflowServer, ObjectStore, SecureAdmin, TlsMode, writeKustomization } from 'cdk8s-tls-constructs';

/** Flyte Admin and Console from one cert-manager mode, and the Numaflow UI with its own certificate. */
export class Platform extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const admin = new SecureAdmin(this, 'admin', {
      tls: TlsMode.certManager({ issuer: { name: 'cluster-ca' } }),
      publicUrl: 'https://flyte.example.com',
      database: { host: 'postgres.flyte.svc', username: 'flyteadmin', passwordSecret: { secret: Secret.fromSecretName(this, 'db-password', 'flyte-db'), key: 'password' } },
      objectStore: ObjectStore.s3({ bucket: 'flyte-data', region: 'us-east-1' }),
    });
    new Console(this, 'console', { admin, publicOrigin: 'https://console.flyte.example.com' });
    new NumaflowServer(this, 'numaflow', { tls: TlsMode.selfSigned() });
  }
}

const app = new App();
new Platform(app, 'platform');
app.synth();
// dist/kustomization.yaml, so that `kubectl apply -k dist` applies everything (skipped by itself
// when the cdk8s CLI synthesizes a Helm chart or to --stdout).
writeKustomization(app.outdir);
