/**
 * KEP-3726's Service port `appProtocol` of HTTP/2 over cleartext with prior knowledge: how plain gRPC
 * is served. Gateways SHOULD honour it and only MAY infer it from a GRPCRoute (GEP-1911).
 */
export const APP_PROTOCOL_H2C = 'kubernetes.io/h2c';
