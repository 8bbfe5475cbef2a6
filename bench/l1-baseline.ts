import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';

// The baseline: the same manifests as one full stack, written as plain ApiObjects with literal
// manifest JSON, i.e. what a hand-written cdk8s app without any derivation or typing costs. The
// literals are taken from a synthesized stack once, outside the timing, as source literals would be.

/** Literal manifest JSON of each object of a synthesized stack. */
export function literalProps(objects: any[]): { kind: string; props: any }[] {
  return objects.map((o) => ({ kind: o.kind, props: JSON.parse(JSON.stringify(o)) }));
}

/** A stack builder that creates those plain ApiObjects. */
export function l1Stack(literals: { kind: string; props: any }[]) {
  return (scope: Construct, id: string): Chart => {
    const chart = new Chart(scope, id);
    literals.forEach((l, i) => new ApiObject(chart, `o${i}`, l.props));
    return chart;
  };
}
