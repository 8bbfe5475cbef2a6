import type { BadInput } from './bad-input.test';

/** Refused inputs of the Flyte constructs (filled in as they land). */
export const BAD_FLYTE_INPUTS: BadInput[] = [];
