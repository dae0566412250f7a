// A client typed from docs/openapi.yaml (openapi-fetch over the types `npm run gen:api` generates
// into src/generated/): a route, its parameters and its answer that the document does not have
// do not compile. Reads only; writes go through api.ts, which adds the CSRF header.
import createClient from 'openapi-fetch';
import type { paths } from './generated/api-schema';

export const typedApi = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
