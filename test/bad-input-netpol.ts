import { Chart } from 'cdk8s';
import { AdminClusterRole, FlyteScheduler, ServiceTranslation, StackNetworkPolicies } from '../lib';
import { admin, BadInput } from './bad-input-case';

// What the network options of issue #22 refuse: the API server's addresses as the CNI's order needs
// them, NodeLocal DNSCache written as a lone address, and Admin's neighbours and ClusterRole given in
// the wrong form. Each refusal says what to give instead.

const policies = (egress: any) => (c: Chart) => new StackNetworkPolicies(c, 'np', { egress });
const ENDPOINTS = { apiServerCidrs: ['192.0.2.10/32'] };
const PORTABLE = { ...ENDPOINTS, apiServerClusterIp: '10.96.0.1' };
const CLUSTER_IP_HINT = 'kubectl get svc kubernetes -n default';
const PEER = { namespace: 'monitoring', podLabels: { 'app.kubernetes.io/name': 'prometheus' } };

export const NETPOL_INPUTS: BadInput[] = [
  // The API server: portable by default, or as the CNI's order says.
  { name: 'egress without the kubernetes Service\'s ClusterIP (portable default)', class: 'null-required', build: policies(ENDPOINTS),
    path: 'c/np', prop: 'egress.apiServerClusterIp', value: undefined, allowed: CLUSTER_IP_HINT },
  { name: 'the API server ClusterIP written as a CIDR', class: 'values', build: policies({ ...ENDPOINTS, apiServerClusterIp: '10.96.0.1/32' }),
    path: 'c/np', prop: 'egress.apiServerClusterIp', value: '10.96.0.1/32', allowed: '"10.96.0.1" (no prefix length)' },
  { name: 'the API server ClusterIP with an IPv6 zone', class: 'values', build: policies({ ...ENDPOINTS, apiServerClusterIp: 'fe80::1%eth0' }),
    path: 'c/np', prop: 'egress.apiServerClusterIp', value: 'fe80::1%eth0', allowed: 'one address' },
  { name: 'the API server ClusterIP as a number', class: 'types', build: policies({ ...ENDPOINTS, apiServerClusterIp: 167772161 }),
    path: 'c/np', prop: 'egress.apiServerClusterIp', value: 167772161, allowed: 'a string' },
  { name: 'a ClusterIP that a BEFORE_POLICY CNI never sees', class: 'values', build: policies({ ...PORTABLE, apiServerTranslation: ServiceTranslation.BEFORE_POLICY }),
    path: 'c/np', prop: 'egress.apiServerClusterIp', value: '10.96.0.1', allowed: 'ServiceTranslation.UNKNOWN' },
  { name: 'endpoints that an AFTER_POLICY CNI never sees', class: 'values', build: policies({ ...PORTABLE, apiServerTranslation: ServiceTranslation.AFTER_POLICY }),
    path: 'c/np', prop: 'egress.apiServerCidrs', value: ['192.0.2.10/32'], allowed: 'no apiServerCidrs' },
  { name: 'endpoint ports with an AFTER_POLICY CNI', class: 'values', build: policies({ apiServerClusterIp: '10.96.0.1', apiServerPorts: [6443], apiServerTranslation: ServiceTranslation.AFTER_POLICY }),
    path: 'c/np', prop: 'egress.apiServerPorts', value: [6443], allowed: 'no apiServerPorts' },
  { name: 'an AFTER_POLICY CNI without the ClusterIP', class: 'null-required', build: policies({ apiServerTranslation: ServiceTranslation.AFTER_POLICY }),
    path: 'c/np', prop: 'egress.apiServerClusterIp', value: undefined, allowed: CLUSTER_IP_HINT },
  { name: 'an unknown service translation', class: 'values', build: policies({ ...PORTABLE, apiServerTranslation: 'Sometimes' }),
    path: 'c/np', prop: 'egress.apiServerTranslation', value: 'Sometimes', allowed: 'ServiceTranslation.UNKNOWN, BEFORE_POLICY or AFTER_POLICY' },
  { name: 'a service translation spelt in lower case', class: 'values', build: policies({ ...PORTABLE, apiServerTranslation: 'beforepolicy' }),
    path: 'c/np', prop: 'egress.apiServerTranslation', value: 'beforepolicy', allowed: 'BEFORE_POLICY' },
  // DNS: NodeLocal DNSCache needs the kube-dns ClusterIP beside its own address.
  { name: 'NodeLocal DNSCache\'s address alone in dnsCidrs (the old advice)', class: 'values', build: policies({ ...PORTABLE, dnsCidrs: ['169.254.20.10/32'] }),
    path: 'c/np', prop: 'egress.dnsCidrs[0]', value: '169.254.20.10/32', allowed: 'nodeLocalDnsCache: { kubeDnsClusterIp }' },
  { name: 'a link-local block holding NodeLocal DNSCache\'s address', class: 'values', build: policies({ ...PORTABLE, dnsCidrs: ['10.53.0.0/24', '169.254.0.0/16'] }),
    path: 'c/np', prop: 'egress.dnsCidrs[1]', value: '169.254.0.0/16', allowed: 'nodeLocalDnsCache' },
  { name: 'NodeLocal DNSCache without the kube-dns ClusterIP', class: 'null-required', build: policies({ ...PORTABLE, nodeLocalDnsCache: { localAddress: '169.254.20.10' } }),
    path: 'c/np', prop: 'egress.nodeLocalDnsCache.kubeDnsClusterIp', value: undefined, allowed: 'a string' },
  { name: 'the kube-dns ClusterIP written as a CIDR', class: 'values', build: policies({ ...PORTABLE, nodeLocalDnsCache: { kubeDnsClusterIp: '10.96.0.10/32' } }),
    path: 'c/np', prop: 'egress.nodeLocalDnsCache.kubeDnsClusterIp', value: '10.96.0.10/32', allowed: '"10.96.0.10"' },
  { name: 'a NodeLocal DNSCache address that is a host name', class: 'values', build: policies({ ...PORTABLE, nodeLocalDnsCache: { kubeDnsClusterIp: '10.96.0.10', localAddress: 'node-local-dns' } }),
    path: 'c/np', prop: 'egress.nodeLocalDnsCache.localAddress', value: 'node-local-dns', allowed: '"169.254.20.10"' },
  { name: 'a misspelt NodeLocal DNSCache field', class: 'unknown-props', build: policies({ ...PORTABLE, nodeLocalDnsCache: { kubeDnsClusterIp: '10.96.0.10', localIp: '169.254.20.10' } }),
    path: 'c/np', prop: 'egress.nodeLocalDnsCache.localIp', value: '169.254.20.10', allowed: 'localAddress' },
  { name: 'NodeLocal DNSCache as an address string', class: 'types', build: policies({ ...PORTABLE, nodeLocalDnsCache: '169.254.20.10' }),
    path: 'c/np', prop: 'egress.nodeLocalDnsCache', value: '169.254.20.10', allowed: 'an object with kubeDnsClusterIp, localAddress' },
  // Admin's neighbours and its ClusterRole.
  { name: 'a scheduler given as a peer, not a FlyteScheduler', class: 'types', build: admin({ scheduler: PEER }),
    path: 'c/admin', prop: 'scheduler', value: PEER, allowed: 'FlyteScheduler.flyteCore(), fromPeer(peer) or none()' },
  { name: 'a scheduler switched off with false', class: 'types', build: admin({ scheduler: false }),
    path: 'c/admin', prop: 'scheduler', value: false, allowed: 'FlyteScheduler.flyteCore(), fromPeer(peer) or none()' },
  { name: 'a scheduler peer with an empty label set', class: 'values', build: () => FlyteScheduler.fromPeer({ namespace: 'flyte', podLabels: {} }),
    path: 'FlyteScheduler.fromPeer', prop: 'peer.podLabels', value: {}, allowed: 'labels of the peer pods' },
  { name: 'a scheduler peer namespace with upper case', class: 'names-labels', build: () => FlyteScheduler.fromPeer({ namespace: 'Flyte' }),
    path: 'FlyteScheduler.fromPeer', prop: 'peer.namespace', value: 'Flyte', allowed: 'lower-case' },
  { name: 'allowMetricsFrom that is not a list', class: 'types', build: admin({ allowMetricsFrom: PEER }),
    path: 'c/admin', prop: 'allowMetricsFrom', value: PEER, allowed: 'a list of' },
  { name: 'allowMetricsFrom with an empty label set (every pod of the namespace)', class: 'values', build: admin({ allowMetricsFrom: [{ namespace: 'monitoring', podLabels: {} }] }),
    path: 'c/admin', prop: 'allowMetricsFrom[0].podLabels', value: {}, allowed: 'labels of the peer pods' },
  { name: 'allowMetricsFrom with a misspelt field', class: 'unknown-props', build: admin({ allowMetricsFrom: [{ namespace: 'monitoring', labels: { app: 'prometheus' } }] }),
    path: 'c/admin', prop: 'allowMetricsFrom[0].labels', value: { app: 'prometheus' }, allowed: 'podLabels' },
  { name: 'a ClusterRole given as rules', class: 'types', build: admin({ clusterRole: { rules: [] } }),
    path: 'c/admin', prop: 'clusterRole', value: { rules: [] }, allowed: 'AdminClusterRole.flyteCore() or clusterResources' },
  { name: 'a bindable ClusterRole name with a slash', class: 'names-labels', build: () => AdminClusterRole.clusterResources({ bindClusterRoles: ['edit/all'] }),
    path: 'AdminClusterRole.clusterResources', prop: 'bindClusterRoles[0]', value: 'edit/all', allowed: 'the name of a ClusterRole' },
  { name: 'Admin\'s metrics port moved in extraConfig', class: 'derived', build: admin({ extraConfig: { flyteadmin: { profilerPort: 10300 } } }),
    path: 'c/admin', prop: 'extraConfig.flyteadmin.profilerPort', value: 10300, allowed: 'metrics port 10254' },
  { name: 'Admin\'s metrics port moved by a flag', class: 'derived', build: admin({ extraArgs: ['--flyteadmin.profilerPort=10300'] }),
    path: 'c/admin', prop: 'extraArgs[0]', value: '--flyteadmin.profilerPort=10300', allowed: 'metrics port 10254' },
];
