/** Path parameters of /api/editions/:key/:version. */
import { z } from "zod";

/** An edition key (e.g. hubei-2024) and a `major.minor.patch` version. */
export const editionParams = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
});
