/** Path parameters. */
import { NotFound } from '../errors';
import { isId } from '../ids';

/** The id in path parameter `name`. An id that is not a ULID names nothing: 404, like one that does not exist. */
export function pathId(params: Record<string, string | undefined>, name: string, what: string): string {
  const id = params[name];
  if (!isId(id)) throw new NotFound(what);
  return id;
}
