# Python translation of the example "all-seven" in docs/constructs.md (jsii-rosetta; regenerate with
# `npm run jsii && npm run jsii:rosetta`). Fragments use names the TypeScript fixture declares.
import jsii  # noqa: F401  (classes that implement IStack use @jsii.implements)

from cdk8s_tls_constructs import IssuerRef, ObjectStoreCredentials, AdminDatabase, AutoscalerMetric
from cdk8s_plus_28 import SecretValue
from cdk8s import Chart
from cdk8s_plus_28 import ConfigMap, Secret
from constructs import Construct
from cdk8s_tls_constructs import Console, CopilotPod, FlytePodTemplate, IStack, MetricsServer, NumaflowServer, ObjectStore, PodAutoscaler, ScaleTarget, ScalingStrategy, SecureAdmin, StackSynth, TlsMode, Trust
issued = TlsMode.cert_manager(issuer=IssuerRef(name="cluster-ca"))
def store_in(chart):  # its key pair and CA: a Secret and a ConfigMap the cluster holds
    return ObjectStore.minio(bucket="flyte-data", endpoint="https://minio.flyte.svc:9000", credentials=ObjectStoreCredentials(secret=Secret.from_secret_name(chart, "keys", "flyte-storage")),
    trust=Trust.ca_from_config_map(ConfigMap.from_config_map_name(chart, "ca", "my-cert-bundle")))
@jsii.implements(IStack)
class Platform:
    def __init__(self): self.id = "platform"
    def create_chart(self, scope, id):
        chart = Chart(scope, id)
        template = FlytePodTemplate(chart, "template", object_store=store_in(chart))
        admin = SecureAdmin(chart, "admin", tls=issued, public_url="https://flyte.example.com", object_store=template.object_store,
            database=AdminDatabase(host="postgres.flyte.svc", username="flyteadmin", password_secret=SecretValue(secret=Secret.from_secret_name(chart, "db", "flyte-db"), key="password")))
        Console(chart, "console", admin=admin, public_origin="https://console.flyte.example.com")
        metrics = MetricsServer(chart, "metrics", tls=issued)
        PodAutoscaler(chart, "autoscaler", target=ScaleTarget.from_server(metrics), strategy=ScalingStrategy.KPA,
        metric=AutoscalerMetric(name="go_threads", target_value=20), max_replicas=4, aibrix_version="v0.4.1")
        NumaflowServer(chart, "numaflow", tls=TlsMode.self_signed())
        return chart
@jsii.implements(IStack)
class TaskPreview:
    def __init__(self): self.id = "task"
    def create_chart(self, scope, id):
        chart = Chart(scope, id)
        CopilotPod(chart, "task", pod_template=FlytePodTemplate(chart, "template", object_store=store_in(chart)), image="alpine:3.20")
        return chart
StackSynth.write_stacks([Platform()], previews=[TaskPreview()])
