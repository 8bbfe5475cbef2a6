import { IConstruct } from 'constructs';
import { ValidationError } from './errors';

/**
 * The path a construct `id` will have in `scope`, for the messages of a construct that resolves its
 * props before it joins the tree (so that a refused construct never does). An id the scope already
 * holds would make the constructs library throw a plain Error: it is a refusal like any other.
 */
export function childPath(scope: IConstruct, id: string): string {
  const base = scope?.node?.path;
  const path = base ? `${base}/${id}` : id;
  if (typeof id !== 'string' || id === '' || scope?.node?.tryFindChild(id) !== undefined) {
    throw new ValidationError(path, 'id', id, typeof id === 'string' && id !== '' ? 'the scope already holds a construct with this id' : 'a construct id is a non-empty string',
      'an id no other construct of this scope has');
  }
  return path;
}
