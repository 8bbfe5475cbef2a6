# Python translation of the example "quick-start" in README.md (jsii-rosetta; regenerate with
# `npm run jsii && npm run jsii:rosetta`). Fragments use names the TypeScript fixture declares.
import jsii  # noqa: F401  (classes that implement IStack use @jsii.implements)

from cdk8s_tls_constructs import IssuerRef, AdminDatabase
from cdk8s_plus_28 import SecretValue
from cdk8s import Chart
from cdk8s_plus_28 import Secret
from constructs import Construct
from cdk8s_tls_constructs import Console, IStack, NumaflowServer, ObjectStore, SecureAdmin, StackSynth, TlsMode

# Flyte Admin and Console from one cert-manager mode, and the Numaflow UI with its own certificate.
@jsii.implements(IStack)
class Platform:
    def __init__(self): self.id = "platform"
    def create_chart(self, scope, id):
        chart = Chart(scope, id)
        password = Secret.from_secret_name(chart, "db-password", "flyte-db") # an existing Secret, as cdk8s-plus names one
        admin = SecureAdmin(chart, "admin", tls=TlsMode.cert_manager(issuer=IssuerRef(name="cluster-ca")),
        public_url="https://flyte.example.com",
        database=AdminDatabase(host="postgres.flyte.svc", username="flyteadmin", password_secret=SecretValue(secret=password, key="password")),
        object_store=ObjectStore.s3(bucket="flyte-data", region="us-east-1"))
        Console(chart, "console", admin=admin, public_origin="https://console.flyte.example.com")
        NumaflowServer(chart, "numaflow", tls=TlsMode.self_signed())
        return chart

# One file per stack in the folder `cdk8s synth` gives (dist/), and dist/kustomization.yaml listing them.
StackSynth.write_stacks([Platform()])
