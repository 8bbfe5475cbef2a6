/**
 * The task interface copilot receives base64-encoded on its command line (copilot.go
 * `DownloadCommandArgs --input-interface <VariableMap>`, `SidecarCommandArgs --interface <TypedInterface>`),
 * as protobuf wire format of flyteidl/core/interface.proto. A preview only knows variable names,
 * so each variable is declared as a string (`LiteralType.simple = STRING`).
 */

/** flyteidl/core/types.proto `SimpleType.STRING`. */
const SIMPLE_STRING = 3;

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

/** A length-delimited field (wire type 2). */
function field(number: number, bytes: readonly number[]): number[] {
  return [(number << 3) | 2, ...varint(bytes.length), ...bytes];
}

/** `VariableMap { map<string, Variable> variables = 1 }`, entries sorted (Go's deterministic order). */
function variableMap(names: readonly string[]): number[] {
  // Variable { LiteralType type = 1 }, LiteralType { SimpleType simple = 1 } (varint field 1 = tag 0x08).
  const variable = field(1, [0x08, SIMPLE_STRING]);
  return [...names].sort().flatMap((name) => field(1, [...field(1, [...Buffer.from(name, 'utf8')]), ...field(2, variable)]));
}

/** Base64 of the `VariableMap` of the inputs (the downloader's `--input-interface`). */
export function inputInterface(inputs: readonly string[]): string {
  return Buffer.from(variableMap(inputs)).toString('base64');
}

/** Base64 of the `TypedInterface { inputs = 1; outputs = 2 }` (the uploader's `--interface`). */
export function typedInterface(inputs: readonly string[], outputs: readonly string[]): string {
  const bytes = [
    ...(inputs.length ? field(1, variableMap(inputs)) : []),
    ...(outputs.length ? field(2, variableMap(outputs)) : []),
  ];
  return Buffer.from(bytes).toString('base64');
}
