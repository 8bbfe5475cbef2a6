import { Chart } from 'cdk8s';
import { Secret } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Console, IStack, NumaflowServer, ObjectStore, SecureAdmin, StackSynth, TlsMode } from 'cdk8s-tls-constructs';

/** Flyte Admin and Console from one cert-manager mode, and the Numaflow UI with its own certificate. */
class Platform implements IStack {
  public readonly id: string;
  constructor() { this.id = 'platform'; }
  public createChart(scope: Construct, id: string): Chart {
    const chart = new Chart(scope, id);
    const password = Secret.fromSecretName(chart, 'db-password', 'flyte-db'); // an existing Secret, as cdk8s-plus names one
    const admin = new SecureAdmin(chart, 'admin', { tls: TlsMode.certManager({ issuer: { name: 'cluster-ca' } }),
      publicUrl: 'https://flyte.example.com',
      database: { host: 'postgres.flyte.svc', username: 'flyteadmin', passwordSecret: { secret: password, key: 'password' } },
      objectStore: ObjectStore.s3({ bucket: 'flyte-data', region: 'us-east-1' }) });
    new Console(chart, 'console', { admin, publicOrigin: 'https://console.flyte.example.com' });
    new NumaflowServer(chart, 'numaflow', { tls: TlsMode.selfSigned() });
    return chart;
  }
}

// One file per stack in the folder `cdk8s synth` gives (dist/), and dist/kustomization.yaml listing them.
StackSynth.writeStacks([new Platform()]);
