# Python translation of the README example "quick-start" (jsii-rosetta; regenerate with
# `npm run jsii && npm run jsii:rosetta`). Fragments use names the TypeScript fixture declares.
import jsii  # noqa: F401  (classes that implement IStack use @jsii.implements)

from cdk8s_tls_constructs import IssuerRef, AdminDatabase, SecretKeyRef
from cdk8s import App, Chart
from cdk8s_tls_constructs import Console, ObjectStore, SecureAdmin, StackSynth, TlsMode

app = App()
chart = Chart(app, "platform")
admin = SecureAdmin(chart, "admin", tls=TlsMode.cert_manager(issuer=IssuerRef(name="cluster-ca")),
public_url="https://flyte.example.com",
database=AdminDatabase(host="postgres.flyte.svc", username="flyteadmin", password_secret=SecretKeyRef(name="flyte-db", key="password")),
object_store=ObjectStore.s3(bucket="flyte-data", region="us-east-1"))
Console(chart, "console", admin=admin, public_origin="https://console.flyte.example.com")
app.synth()
StackSynth.write_kustomization(app.outdir)
