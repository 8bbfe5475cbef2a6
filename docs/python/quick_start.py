# Python translation of the README example "quick-start" (jsii-rosetta; regenerate with
# `npm run jsii && npm run jsii:rosetta`). Fragments use names the TypeScript fixture declares.
import jsii  # noqa: F401  (classes that implement IStack use @jsii.implements)

from cdk8s_tls_constructs import IssuerRef, AdminDatabase
from cdk8s_plus_28 import SecretValue
from cdk8s import App, Chart
from cdk8s_plus_28 import Secret
from cdk8s_tls_constructs import Console, ObjectStore, SecureAdmin, StackSynth, TlsMode

app = App()
chart = Chart(app, "platform")
password = Secret.from_secret_name(chart, "db-password", "flyte-db") # an existing Secret, as cdk8s-plus names one
admin = SecureAdmin(chart, "admin", tls=TlsMode.cert_manager(issuer=IssuerRef(name="cluster-ca")),
public_url="https://flyte.example.com",
database=AdminDatabase(host="postgres.flyte.svc", username="flyteadmin", password_secret=SecretValue(secret=password, key="password")),
object_store=ObjectStore.s3(bucket="flyte-data", region="us-east-1"))
Console(chart, "console", admin=admin, public_origin="https://console.flyte.example.com")
app.synth()
StackSynth.write_kustomization(app.outdir)
