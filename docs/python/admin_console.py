# Python translation of the README example "admin-console" (jsii-rosetta; regenerate with
# `npm run jsii && npm run jsii:rosetta`). Fragments use names the TypeScript fixture declares.
import jsii  # noqa: F401  (classes that implement IStack use @jsii.implements)

tls = TlsMode.from_secret("flyte-tls", trust=Trust.ca_from_secret("flyte-tls"))
admin = SecureAdmin(chart, "admin", tls=tls, public_url="https://localhost:8089", database=database, object_store=object_store)
Console(chart, "console", admin=admin, public_origin="https://localhost:8088")
