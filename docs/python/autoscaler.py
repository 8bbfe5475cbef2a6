# Python translation of the example "autoscaler" in docs/metrics-server-aibrix.md (jsii-rosetta; regenerate with
# `npm run jsii && npm run jsii:rosetta`). Fragments use names the TypeScript fixture declares.
import jsii  # noqa: F401  (classes that implement IStack use @jsii.implements)

from cdk8s_tls_constructs import AutoscalerMetric
ms = MetricsServer(chart, "metrics", tls=TlsMode.self_signed())
PodAutoscaler(chart, "pa",
    target=ScaleTarget.from_server(ms), strategy=ScalingStrategy.KPA, metric=AutoscalerMetric(name="go_threads", target_value=20),
    min_replicas=1, max_replicas=4, aibrix_version="v0.4.1"
)
