# Python translation of the example "admin-console" in docs/flyte-admin-console.md (jsii-rosetta; regenerate with
# `npm run jsii && npm run jsii:rosetta`). Fragments use names the TypeScript fixture declares.
import jsii  # noqa: F401  (classes that implement IStack use @jsii.implements)

cert = Secret.from_secret_name(chart, "flyte-tls", "flyte-tls") # the Secret also holds the CA, as ca.crt
tls = TlsMode.from_secret(cert, trust=Trust.ca_from_secret(cert))
admin = SecureAdmin(chart, "admin", tls=tls, public_url="https://localhost:8089", database=database, object_store=object_store)
Console(chart, "console", admin=admin, public_origin="https://localhost:8088")
