/**
 * The shipped hubei-2024 divisions as a region lookup, for tests that check ID numbers without a store.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { editionDir } from "@shenbao/forms";
import {
  regionLookupFromDivisions,
  type DivisionsCatalog,
  type RegionLookup,
} from "../src/identity/idNumber.js";

let lookup: RegionLookup | undefined;

/** The region lookup of hubei-2024's divisions catalog, read once. */
export function hubeiRegionLookup(): RegionLookup {
  lookup ??= regionLookupFromDivisions(
    JSON.parse(
      readFileSync(path.join(editionDir("hubei-2024"), "catalogs", "divisions.json"), "utf8"),
    ) as DivisionsCatalog,
  );
  return lookup;
}
