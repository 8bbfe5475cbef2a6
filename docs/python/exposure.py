# Python translation of the example "exposure" in docs/exposure.md (jsii-rosetta; regenerate with
# `npm run jsii && npm run jsii:rosetta`). Fragments use names the TypeScript fixture declares.
import jsii  # noqa: F401  (classes that implement IStack use @jsii.implements)

from cdk8s_tls_constructs import IssuerRef, GatewayListener, NetworkPeer
tls = TlsMode.cert_manager(issuer=IssuerRef(name="flyte-ca"), trust=Trust.ca_from_config_map_name("flyte-ca"))
admin = SecureAdmin(chart, "admin", tls=tls, database=database, object_store=object_store)
flyte_console = Console(chart, "console", admin=admin)
numaflow = NumaflowServer(chart, "numaflow", tls=TlsMode.disabled())
implementation = GatewayImplementation.envoy_gateway(version="v1.9.0") # what runs the Gateway
listener = GatewayListener(gateway_name="public", gateway_namespace="gateway", section_name="https", implementation=implementation)
admin.expose_via_gateway(listener=listener, host="flyte.example.com", grpc_host="grpc.flyte.example.com")
flyte_console.expose_via_gateway(listener=listener, host="console.flyte.example.com")
numaflow.expose_via_gateway(listener=listener, host="numaflow.example.com") # TlsMode.disabled() only
StackNetworkPolicies(chart, "network-policies",
    aibrix_controller=NetworkPeer(namespace="aibrix-system", pod_labels={"control-plane": "controller-manager"})
)
